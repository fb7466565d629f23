"""`reader doctor`: check an annotations folder — damaged files and journals, changes not yet folded,
leftovers, the lock, orphans — and, with `--repair`, fix what can be fixed without losing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.files import TMP_MARK
from reader.store.journal import JOURNAL_SUFFIX
from reader.store.lock import held
from reader.store.store import LOCK_FILE, WRITER_FILE, AnnotationStore


@dataclass
class DoctorReport:
    lines: list[str] = field(default_factory=list)
    problems: int = 0

    def say(self, text: str) -> None:
        self.lines.append(text)

    def problem(self, text: str) -> None:
        self.problems += 1
        self.lines.append(f"PROBLEM {text}")


def run_doctor(annotations: Path, corpus: Path, *, repair: bool) -> DoctorReport:
    report = DoctorReport()
    if not annotations.is_dir():
        report.say(f"{annotations}: no annotations folder yet (nothing stored)")
        return report
    store = AnnotationStore(annotations, read_only=not repair)
    try:
        if repair and store.read_only:
            report.problem(f"cannot repair: {store.read_only_reason}")
            repair = False
        elif not repair and _writer_alive(annotations):
            report.say(f"note: {store._holder()} has the folder open for writing")
        elif not repair and (annotations / WRITER_FILE).exists():
            report.say(
                f"note: the last writer ({store._holder()}) ended without closing the folder (a crash "
                "or a kill); no process holds it now"
            )
        _check_files(store, report, repair)
        _check_orphans(store, corpus, report, repair)
    finally:
        store.close()
    return report


def _writer_alive(folder: Path) -> bool:
    """Whether a writer holds the folder's lock now (a `.writer` file alone may be left by a crash)."""
    if not (folder / WRITER_FILE).exists():
        return False
    return held(folder / LOCK_FILE)


def _check_files(store: AnnotationStore, report: DoctorReport, repair: bool) -> None:
    doc_ids = store.doc_ids()
    labels = store.labels(include_notes=True)
    annotators = sorted({r["annotator"] for r in labels})
    report.say(
        f"{store.path}: {len(doc_ids)} document file(s), {len(labels)} record(s), "
        f"annotators: {', '.join(annotators) or '-'}"
    )
    _check_journals(store, report, repair)
    for name, what in store.problems():
        if repair:
            report.say(f"repaired {store.repair(name[: -len('.json')])}")
        else:
            report.problem(f"{name}: {what}")
    if not repair:
        for tmp in sorted(store.path.glob(f"*{TMP_MARK}*")):
            report.say(f"leftover temp file {tmp.name} (an interrupted write; the next writer removes it)")
    for aside in sorted(store.path.glob("*.damaged-*")):
        report.say(f"kept: {aside.name} (moved aside by an earlier repair; delete it when sure)")


def _check_journals(store: AnnotationStore, report: DoctorReport, repair: bool) -> None:
    """Journals an interrupted session left: their changes are seen by every reader; the writer (and
    `--repair`) folds them into the file, dropping a torn last line (a change never acknowledged)."""
    writer_open = not repair and _writer_alive(store.path)
    for path in sorted(store.path.glob(f"*.json{JOURNAL_SUFFIX}")):
        doc_id = path.name[: -len(".json" + JOURNAL_SUFFIX)]
        if not (store.path / f"{doc_id}.json").exists() and not (store.path / f"{doc_id}.json.bak").exists():
            report.problem(f"{path.name}: a journal without its file {doc_id}.json; kept as it is")
    for doc_id in store.doc_ids():
        ds = store._doc(doc_id)  # a writer's open folds what an interrupted session left
        if ds.recovered:
            report.say(f"repaired {ds.journal.path.name}: {ds.recovered}")
        if repair:
            continue
        if ds.journal_damaged:
            continue  # listed with the problems below
        parts = []
        if ds.pending:
            parts.append(f"{ds.pending} change(s) not yet folded into {doc_id}.json (every reader sees them)")
        if ds.torn:
            parts.append(f"a torn last line ({ds.torn} bytes): a change cut by a crash before it was saved, ignored")
        if not parts:
            continue
        if writer_open:
            fix = "the open writer folds them"
        else:
            fix = "`--repair` (or the next `reader` that labels here) folds them into the file" + (
                " and drops the torn line" if ds.torn else ""
            )
        report.say(f"{ds.journal.path.name}: {'; '.join(parts)}; {fix}")


def _check_orphans(store: AnnotationStore, corpus: Path, report: DoctorReport, repair: bool) -> None:
    from reader.text.pipeline import load_document as load

    for doc_id in store.doc_ids():
        if store.is_read_only(doc_id) and repair:
            continue
        source = corpus / f"{doc_id}.txt"
        pending: list[dict] = []
        if source.is_file() and store.labels(doc_id, include_notes=True):
            try:
                doc = load(source)
            except Exception as exc:  # report it and go on with the other documents
                report.problem(f"{source}: cannot be read to re-check labels ({exc})")
            else:
                writable = repair and not store.is_read_only(doc_id)
                r = store.reattach(doc, dry_run=not writable)
                verb = "" if writable else "would be "
                if r.moved:
                    report.say(f"{doc_id}: {len(r.moved)} label(s) {verb}re-attached to their moved sentence")
                if r.revived:
                    report.say(f"{doc_id}: {len(r.revived)} orphan(s) {verb}re-attached")
                if not writable:
                    pending = r.orphaned
                if r.orphaned:
                    report.say(f"{doc_id}: {len(r.orphaned)} label(s) whose sentence is gone {verb}kept as orphans")
                if r.refreshed and not writable:
                    report.say(f"{doc_id}: {r.refreshed} label(s) with changed positions (fixed by --repair)")
        elif not source.is_file():
            report.say(f"{doc_id}: no {source} in the corpus; its labels are kept as they are")
        listed = [("orphan", rec) for rec in store.orphans(doc_id)] + [("would be orphan", r) for r in pending]
        for kind, rec in listed:
            report.say(
                f"{kind} {doc_id} [{rec['annotator']}] {rec.get('label') or 'note'}: "
                f"{_short(rec.get('text') or '')} (was {rec['sentence']})"
            )


def _short(text: str, width: int = 40) -> str:
    text = "".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
