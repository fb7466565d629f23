"""Model features: character n-grams (1–3) and jieba words of the sentence, words of its section
path, its place (part, problem paragraph, lead-in, paragraph position, position in the report) and
the rules' output.

scikit-learn and jieba are imported inside functions: importing this module costs nothing.
`Featurizer` is pickled with the model, so its analyzers are module-level functions.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from reader.suggest.context import Context
from reader.suggest.rules import RuleResult

_jieba = None


def _jieba_module():
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.initialize()
        _jieba = jieba
    return _jieba


_NUM = re.compile(r"\d+(\.\d+)?")


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """jieba words of `text` (numbers folded to `0`, punctuation dropped)."""
    jb = _jieba_module()
    out = []
    for w in jb.lcut(_NUM.sub("0", text), HMM=False):
        if w.strip() and not re.fullmatch(r"[^\w]+", w):
            out.append(w)
    return tuple(out)


def word_analyzer(text: str) -> list[str]:
    return list(words(text))


def char_analyzer(text: str) -> list[str]:
    """Character 1–3-grams with numbers folded to `0`."""
    t = _NUM.sub("0", text)
    grams = list(t)
    grams += [t[i : i + 2] for i in range(len(t) - 1)]
    grams += [t[i : i + 3] for i in range(len(t) - 2)]
    return grams


def context_features(ctx: Context, rule: RuleResult) -> dict[str, float]:
    """The sentence's place and the rules' verdict as sparse named features."""
    t = ctx.text
    n = len(t)
    f: dict[str, float] = {
        f"part={ctx.part or '?'}": 1.0,
        f"kind={ctx.kind}": 1.0,
        f"rule={rule.rule}": 1.0,
        f"rule_label={rule.label}": rule.score,
        f"len={min(n // 10, 10)}": 1.0,
        f"pos={int(ctx.position * 5)}": 1.0,
        f"end={t[-1:] or '?'}": 1.0,
    }
    if ctx.lead:
        f["lead"] = 1.0
        f[f"lead&part={ctx.part or '?'}"] = 1.0
    if ctx.shaped:
        f["shaped"] = 1.0
        f[f"shaped&part={ctx.part or '?'}"] = 1.0
    if ctx.in_problems:
        f["in_problems"] = 1.0
    if ctx.para_first:
        f["para_first"] = 1.0
    if ctx.para_last:
        f["para_last"] = 1.0
    if ctx.para_first and ctx.para_last:
        f["para_alone"] = 1.0
    if re.search(r"\d", t):
        f["has_digit"] = 1.0
    for title in ctx.section[:3]:
        for w in words(title):
            f[f"sec:{w}"] = 0.5
    return f


class Featurizer:
    """Turns (Context, RuleResult) pairs into one sparse matrix; fitted on the training sentences."""

    def __init__(self, *, use_words: bool = True) -> None:
        self.use_words = use_words
        self._chars = None
        self._words = None
        self._ctx = None

    def fit_transform(self, ctxs: list[Context], rules: list[RuleResult]):
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._chars = TfidfVectorizer(analyzer=char_analyzer, sublinear_tf=True, min_df=2, dtype=_f32())
        self._ctx = DictVectorizer(dtype=_f32())
        parts = [
            self._chars.fit_transform([c.text for c in ctxs]),
            self._ctx.fit_transform([context_features(c, r) for c, r in zip(ctxs, rules, strict=True)]),
        ]
        if self.use_words:
            self._words = TfidfVectorizer(analyzer=word_analyzer, sublinear_tf=True, min_df=1, dtype=_f32())
            parts.append(self._words.fit_transform([c.text for c in ctxs]))
        return _hstack(parts)

    def transform(self, ctxs: list[Context], rules: list[RuleResult]):
        parts = [
            self._chars.transform([c.text for c in ctxs]),
            self._dicts([context_features(c, r) for c, r in zip(ctxs, rules, strict=True)]),
        ]
        if self.use_words:
            parts.append(self._words.transform([c.text for c in ctxs]))
        return _hstack(parts)

    def _dicts(self, dicts: list[dict[str, float]]):
        """DictVectorizer.transform without its per-value type checks (4x faster at suggest time)."""
        import numpy as np
        from scipy.sparse import csr_matrix

        vocab = self._ctx.vocabulary_
        indptr, indices, data = [0], [], []
        for d in dicts:
            for k, v in d.items():
                j = vocab.get(k)
                if j is not None:
                    indices.append(j)
                    data.append(v)
            indptr.append(len(indices))
        return csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
            shape=(len(dicts), len(vocab)),
        )


def _f32():
    import numpy as np

    return np.float32


def _hstack(parts):
    from scipy.sparse import hstack

    return hstack(parts, format="csr")
