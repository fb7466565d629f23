"""jieba words: same result in-process and in the pool, in order, duplicates shared, no log noise."""

import subprocess
import sys

from reader.export import tokens

TEXTS = ["全市地区生产总值增长5.2%。", "力争全年开工项目300个。", "深化国资国企改革。", "各位代表！"]


def test_pool_gives_the_same_words_in_order(monkeypatch):
    texts = [f"{t}第{i}项" for i in range(30) for t in TEXTS] + TEXTS  # duplicates at the end
    alone = tokens.tokenize(texts, workers=1)
    monkeypatch.setattr(tokens, "POOL_THRESHOLD", 10)
    monkeypatch.setattr(tokens, "CHUNK", 7)
    ticks = []
    pooled = tokens.tokenize(texts, workers=2, advance=ticks.append)
    assert pooled == alone and sum(ticks) == len(set(texts))
    for words, text in zip(alone, texts, strict=True):
        assert "".join(words) == text
    assert "力争" in alone[1]
    # Each record gets its own list.
    assert alone[-1] is not alone[3]


def test_separators_inside_texts_survive_the_pool(monkeypatch):
    monkeypatch.setattr(tokens, "POOL_THRESHOLD", 1)
    texts = ["一\x1e二", "三\x1f四", *TEXTS]
    assert tokens.tokenize(texts, workers=2) == tokens.tokenize(texts, workers=1)


def test_jieba_says_nothing_on_stderr():
    code = "from reader.export.tokens import tokenize; print(tokenize(['各位代表！']))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr == "" and "各位" in done.stdout


def test_words_cache_between_runs(tmp_path, monkeypatch):
    first = tokens.tokenize(TEXTS, cache_dir=tmp_path)
    segmented = []
    real = tokens._segment
    monkeypatch.setattr(tokens, "_segment", lambda unique, *a: segmented.append(list(unique)) or real(unique, *a))
    assert tokens.tokenize(TEXTS, cache_dir=tmp_path) == first and segmented == []
    changed = [*TEXTS[:3], "各位代表，大家好！"]
    again = tokens.tokenize(changed, cache_dir=tmp_path)
    assert segmented == [["各位代表，大家好！"]] and again[:3] == first[:3]
    assert "".join(again[3]) == "各位代表，大家好！"
    # A damaged cache file is ignored.
    for f in tmp_path.iterdir():
        f.write_bytes(b"\x00garbage")
    assert tokens.tokenize(TEXTS, cache_dir=tmp_path) == first
