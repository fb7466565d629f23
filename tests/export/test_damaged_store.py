"""A damaged store file never makes an export silently lack that report's labels."""

import shutil
from pathlib import Path

from reader.store import AnnotationStore

ROOT = Path(__file__).resolve().parents[2]


def _store(tmp_path: Path) -> Path:
    folder = tmp_path / "annotations"
    with AnnotationStore(folder) as store:
        for doc, n in (("a", 3), ("b", 2)):
            for k in range(n):
                store.set_label(doc, f"{doc}:s{k}", "target", annotator="li", text=f"句子{k}。")
    return folder


def test_export_refuses_a_damaged_file_without_backup_and_allow_damaged_goes_on(cli, tmp_path):
    folder = _store(tmp_path)
    (folder / "a.json").write_bytes((folder / "a.json").read_bytes()[:40])  # truncated
    (folder / "a.json.bak").unlink()
    r = cli("export", "--annotations", str(folder), "--corpus", str(tmp_path))
    assert r.returncode == 2
    assert "a.json" in r.stderr and "doctor --repair" in r.stderr and r.stdout == ""
    r = cli("export", "--annotations", str(folder), "--corpus", str(tmp_path), "--allow-damaged")
    assert r.returncode == 0
    assert len(r.stdout.splitlines()) == 2  # b's labels; a's are named on stderr
    assert "a.json" in r.stderr


def test_export_uses_a_good_backup_and_says_so(cli, tmp_path):
    folder = _store(tmp_path)
    (folder / "a.json").write_bytes(b"")
    r = cli("export", "--annotations", str(folder), "--corpus", str(tmp_path))
    assert r.returncode == 0
    assert len(r.stdout.splitlines()) == 5
    assert "a.json" in r.stderr and "backup is good" in r.stderr


def test_a_store_file_without_backup_gets_one_when_opened(tmp_path):
    folder = _store(tmp_path)
    for bak in folder.glob("*.bak"):
        bak.unlink()
    with AnnotationStore(folder) as store:
        store.doc_labels("a", "li")
    assert (folder / "a.json.bak").read_bytes() == (folder / "a.json").read_bytes()


def test_shipped_annotations_get_backups_on_first_use(tmp_path):
    copy = tmp_path / "annotations"
    shutil.copytree(ROOT / "annotations", copy, ignore=shutil.ignore_patterns("*.bak", ".cache"))
    with AnnotationStore(copy) as store:
        for doc in store.doc_ids():
            store.doc_labels(doc, "reference")
    assert sorted(p.name for p in copy.glob("*.bak")) == sorted(p.name + ".bak" for p in copy.glob("*.json"))
