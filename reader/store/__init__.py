"""The annotation store: durable, fast per-document TinyDB files of sentence labels (issue 3).

from reader.store import AnnotationStore
with AnnotationStore("annotations") as store:
    store.set_label("jinzhong-2025", sid, "target", annotator="li", text="…")
"""

from reader.store.errors import ReadOnlyStore, StoreError
from reader.store.labelset import DEFAULT_LABELS, Label, LabelSet, load_labelset
from reader.store.store import AnnotationStore, BulkReport, ReattachReport

__all__ = [
    "DEFAULT_LABELS",
    "AnnotationStore",
    "BulkReport",
    "Label",
    "LabelSet",
    "ReadOnlyStore",
    "ReattachReport",
    "StoreError",
    "load_labelset",
]
