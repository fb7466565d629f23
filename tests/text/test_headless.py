"""The headless core never imports Textual (nor jieba, which costs ~1 s to load)."""

import subprocess
import sys

import pytest

HEADLESS = [
    "reader.text.pipeline",
    "reader.store",
    "reader.export.collect",
    "reader.corpus.cache",
    "reader.suggest",
    "reader.cli",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_importing_the_core_loads_no_textual(module):
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "print(sorted(m for m in ('textual', 'jieba', 'sklearn') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_running_the_pipeline_loads_no_textual_and_no_jieba(corpus_dir):
    code = (
        "import sys; from reader.text.pipeline import load_document; "
        f"d = load_document({str(corpus_dir / 'jinzhong-2025.txt')!r}); "
        "print(len(d.sentences), 'textual' in sys.modules, 'jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    count, textual, jieba = out.split()
    assert int(count) > 200 and textual == "False" and jieba == "False"
