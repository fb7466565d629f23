"""The stored shape of records is `reader.labels.LabelRecord.to_dict()` / `ReviewMark.to_dict()`;
this module keeps the names older code imported from here."""

from reader.labels.record import SCHEMA, LabelRecord, now

LABEL_KEYS = tuple(LabelRecord.__dataclass_fields__)

__all__ = ["LABEL_KEYS", "SCHEMA", "now"]
