"""reader: a terminal reader and annotator for Chinese government work reports."""

__version__ = "0.1.0"
