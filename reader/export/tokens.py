"""jieba words for `--tokens`: in-process for small exports, a process pool over all cores for big ones.

jieba is imported only here, inside functions, so an export without --tokens never loads it.
Identical texts are segmented once. Each pool worker initialises jieba once, with its log silenced
(it would otherwise print "Building prefix dict…" to stderr from every process).

With a cache folder, the words of the last export's texts are kept in one `marshal` file (keyed by
jieba's version), so exporting again only segments new or changed sentences.
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.files import write_cache_file

POOL_THRESHOLD = 4000
"""Below this many distinct texts a pool costs more (worker start + jieba load) than it saves."""
CHUNK = 1000
CACHE_LIMIT = 300_000
"""Texts kept in the words cache beyond those of the last export."""


def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _init_worker() -> None:
    _jieba()


def _cut_chunk(texts: list[str]) -> list[list[str]]:
    import jieba

    return [[w for w in jieba.lcut(t) if w.strip()] for t in texts]


_WORD, _TEXT = "\x1f", "\x1e"


def _cut_chunk_packed(texts: list[str]) -> str:
    """A worker's answer as one string (words joined by US, texts by RS): the parent then unpickles
    one string per chunk instead of tens of thousands of small ones, which kept it busy on a
    core the workers need."""
    return _TEXT.join(_WORD.join(words) for words in _cut_chunk(texts))


def _unpack(packed: str) -> list[list[str]]:
    return [part.split(_WORD) if part else [] for part in packed.split(_TEXT)]


def _cache_file(cache_dir: Path) -> Path:
    from importlib.metadata import version

    return cache_dir / f"tokens-jieba-{version('jieba')}.marshal"


def _read_cache(path: Path) -> dict[str, list[str]]:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_cache(path: Path, data: dict[str, list[str]]) -> None:
    with contextlib.suppress(OSError):
        write_cache_file(path, marshal.dumps(data))


def tokenize(
    texts: Sequence[str],
    *,
    workers: int | None = None,
    advance: Callable[[int], object] | None = None,
    cache_dir: Path | None = None,
) -> list[list[str]]:
    """jieba words (whitespace-only words dropped) of each text, in order. `cache_dir`: where
    to remember them between runs (None: nowhere)."""
    advance = advance or (lambda n: None)
    wanted = list(dict.fromkeys(texts))
    cached = _read_cache(_cache_file(cache_dir)) if cache_dir else {}
    known = {t: cached[t] for t in wanted if t in cached}
    if known:
        advance(len(known))
    unique = [t for t in wanted if t not in known]
    words = _segment(unique, workers or os.cpu_count() or 1, advance) if unique else []
    by_text = dict(zip(unique, words, strict=True))
    by_text.update(known)
    if cache_dir and unique:
        # This export's texts, plus earlier ones while the file stays small (a few MB).
        keep = {**cached, **by_text} if len(cached) + len(by_text) <= CACHE_LIMIT else by_text
        _write_cache(_cache_file(cache_dir), keep)
    # Distinct list objects per record, so callers may change one without touching another.
    return [list(by_text[t]) for t in texts]


def _segment(unique: list[str], workers: int, advance: Callable[[int], object]) -> list[list[str]]:
    chunks = [unique[i : i + CHUNK] for i in range(0, len(unique), CHUNK)]
    words: list[list[str]] = []
    if workers <= 1 or len(unique) < POOL_THRESHOLD:
        _jieba()
        for chunk in chunks:
            words.extend(_cut_chunk(chunk))
            advance(len(chunk))
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork: workers start instantly and inherit nothing heavy (jieba is not loaded here yet).
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker) as pool:
            # (Texts holding the separators themselves, never seen in reports, go unpacked.)
            plain = any(_WORD in t or _TEXT in t for t in unique)
            work = _cut_chunk if plain else _cut_chunk_packed
            for chunk, result in zip(chunks, pool.map(work, chunks), strict=True):
                words.extend(result if plain else _unpack(result))
                advance(len(chunk))
    return words
