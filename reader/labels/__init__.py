"""What a label is, everywhere: the record types (labels, review marks, indicator corrections), the
label set, which sentences are labelling units, and the one rule that finds a label's sentence in
the current text.

    from reader.labels import LabelRecord, locate
    found = locate(record, document)   # Located(sentence, how="id"|"text"|"edit"|None, text_changed)

No Textual, no store, no export: the store, export, training and the app all build on this.
"""

from reader.labels.correction import BadCorrection, IndicatorCorrection
from reader.labels.labelset import DEFAULT_LABELS, Label, LabelSet, load_labelset
from reader.labels.locate import EDIT_SIMILARITY, Located, Locator, locate, locate_all
from reader.labels.record import NONE, LabelRecord, ReviewMark, now
from reader.labels.units import is_unit, squeeze, units

__all__ = [
    "DEFAULT_LABELS",
    "EDIT_SIMILARITY",
    "NONE",
    "BadCorrection",
    "IndicatorCorrection",
    "Label",
    "LabelRecord",
    "LabelSet",
    "Located",
    "Locator",
    "ReviewMark",
    "is_unit",
    "load_labelset",
    "locate",
    "locate_all",
    "now",
    "squeeze",
    "units",
]
