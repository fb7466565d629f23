"""Targets and outcomes as data (issue 13): every quantitative clause of a report's target and
achievement sentences as a typed record, and the corpus table that sets each report's headline
targets beside its stated outcomes and the previous report's targets.

    from reader.indicators import extract
    for r in extract(doc):              # doc: reader.text.pipeline.load_document(path)
        print(r.indicator, r.value, r.unit, r.qualifier, r.kind, r.headline, r.year)

Headless and plain Python: no Textual, no jieba. Reads the report's parts through
`reader.suggest.context` (read-only).
"""

from reader.indicators.extract import extract
from reader.indicators.model import FIELDS, Indicator

__all__ = ["FIELDS", "Indicator", "extract"]
