"""Fixtures for the app tests: a temp corpus (copies of real reports), a temp store, an app factory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("jinzhong-2025.txt", "xinzhou-feature-2025.txt"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.fixture
def annotations(tmp_path: Path) -> Path:
    return tmp_path / "annotations"


@pytest.fixture
def make_app(corpus: Path, annotations: Path):
    """Build a ReaderApp on the temp corpus (library) or one file; stores are closed afterwards."""
    from reader.store import AnnotationStore, load_labelset
    from reader.tui.app import ReaderApp
    from reader.tui.config import AppConfig
    from reader.tui.keymap import load_keymap

    stores = []

    def build(
        file: str | None = None, *, keymap: str | None = None, read_only: bool = False, store=None, theme: str = "dark"
    ):
        labels = load_labelset(annotations)
        if store is None:
            store = AnnotationStore(annotations, read_only=read_only, labelset=labels)
            stores.append(store)
        config = AppConfig(
            annotations=annotations,
            annotator="tester",
            labels=labels,
            keymap=load_keymap(keymap, labels),
            library=None if file else corpus,
            file=corpus / file if file else None,
            theme=theme,
            suggestions=False,
        )
        return ReaderApp(config, store)

    yield build
    for store in stores:
        store.close()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests in a fresh event loop (no asyncio plugin is installed)."""
    import asyncio
    import inspect

    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
        return True
    return None
