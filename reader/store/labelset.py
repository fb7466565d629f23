"""Moved to `reader.labels.labelset` (the label set is a domain concept, not the store's); this
name is kept so that existing imports keep working."""

from reader.labels.labelset import DEFAULT_LABELS, LABELS_FILE, Label, LabelSet, load_labelset

__all__ = ["DEFAULT_LABELS", "LABELS_FILE", "Label", "LabelSet", "load_labelset"]
