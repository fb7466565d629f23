"""Widgets of the reader app."""
