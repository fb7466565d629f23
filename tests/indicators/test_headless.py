"""The extraction is headless: no Textual, no jieba, no scikit-learn."""

import subprocess
import sys


def test_extracting_loads_no_ui_and_no_model(corpus_dir):
    code = (
        "import sys; from reader.text.pipeline import load_document; from reader.indicators import extract; "
        f"extract(load_document({str(corpus_dir / 'datong-2025.txt')!r})); "
        "print(sorted(m for m in ('textual', 'jieba', 'sklearn', 'reader.cli', 'reader.tui') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
