"""Screens of the reader app: library, reading, and the modal help/note/stats/guide screens."""
