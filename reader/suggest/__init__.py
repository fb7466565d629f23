"""Label suggestions (issue 6): rules that know government work reports, a model learned from the
user's labels, and the order in which to ask about the sentences it is least sure of.

    from reader.suggest import Suggester, Suggestion
    s = Suggester.load("annotations")       # cheap; sklearn/jieba load on first use of a model
    s.suggest(doc) -> list[Suggestion]

Importing this package is cheap (plain Python); scikit-learn and jieba are imported lazily.
"""

from reader.suggest.labels import LABELS
from reader.suggest.suggester import Suggester, Suggestion

__all__ = ["LABELS", "Suggester", "Suggestion"]
