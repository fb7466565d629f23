"""The annotation store: durable, fast per-document TinyDB files of sentence labels (issue 3).

from reader.store import AnnotationStore
with AnnotationStore("annotations") as store:
    store.set_label("jinzhong-2025", sid, "target", annotator="li", text="…")
"""

from reader.labels import DEFAULT_LABELS, Label, LabelRecord, LabelSet, ReviewMark, load_labelset
from reader.store.errors import ReadOnlyStore, StoreError, StoreWriteError
from reader.store.store import AnnotationStore, BulkReport, ReattachReport, Step

__all__ = [
    "DEFAULT_LABELS",
    "AnnotationStore",
    "BulkReport",
    "Label",
    "LabelRecord",
    "LabelSet",
    "ReadOnlyStore",
    "ReattachReport",
    "ReviewMark",
    "Step",
    "StoreError",
    "StoreWriteError",
    "load_labelset",
]
