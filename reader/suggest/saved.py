"""Where suggestion models are kept, and which one a user's suggestions come from.

- The shipped model, `reader/suggest/shipped/` (package data, so a wheel install has it; read through
  importlib.resources): trained on the reference labels. Only `reader train --annotator reference
  --shipped` on the checkout's own annotations folder writes it; the app and a plain `reader train`
  never do.
- A folder's own model, `annotations/model/` (where the shipped model lived before): `--shipped` on
  any other folder writes it there, and it answers before the installed one for that folder.
- A user's model, `annotations/models/<name>/` (git-ignored): trained on that annotator's labels (or
  on the annotators chosen: name `li+wang`), with the reference labels as a weaker prior unless they
  are left out.

`choose(annotations, annotator)` picks the annotator's own model if there is one, else the folder's
`model/`, else the shipped one, else none (rules alone); `ModelChoice.describe()` says which, for
`reader suggest` and the app.
Plain Python: joblib is imported only to read or write a model.
"""

from __future__ import annotations

import io
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.suggest.model import TrainedModel

SHIPPED_DIR = "model"
USER_DIR = "models"
MODEL_FILE = "suggest-model.joblib"
META_FILE = "suggest-model.json"
FORMAT = 3
REFERENCE = "reference"
"""The annotator name of the reference labels (`reader import-seeds`)."""

SHIPPED_PACKAGE = ("reader.suggest", "shipped")
"""Where the shipped model is installed: package data of reader.suggest."""

PROJECT_ANNOTATIONS = Path(__file__).resolve().parents[2] / "annotations"
"""A checkout's annotations folder: its `model/`, if it has one, answers before the installed shipped
model (callers pass it as `fallback`; the installed model answers from any folder anyway)."""

_UNSAFE = re.compile(r"[^\w.@-]+")


def model_name(annotators: list[str] | tuple[str, ...]) -> str:
    """Folder name of the model of these annotators: `li`, `li+wang` (unsafe characters become _)."""
    names = sorted({_UNSAFE.sub("_", a).strip(".") or "_" for a in annotators})
    return "+".join(names)


def shipped_dir(annotations: Path) -> Path:
    """A folder's own model (`annotations/model/`), used for its annotators who have none of their own."""
    return Path(annotations) / SHIPPED_DIR


def shipped_target(annotations: Path) -> Path:
    """Where `reader train --shipped` writes: the installed shipped model when `annotations` is the
    checkout's own folder (the reference labels the shipped model is built from), else the folder's
    own `model/` (never the installed package from a stranger's folder)."""
    if Path(annotations).resolve() == PROJECT_ANNOTATIONS:
        return installed_dir()
    return shipped_dir(annotations)


def installed_dir() -> Path:
    """The shipped model's folder as installed with reader (`reader/suggest/shipped/`). A wheel unpacks
    package data to real files, so a Path serves joblib and the metadata reader alike."""
    from importlib.resources import files

    package, folder = SHIPPED_PACKAGE
    return Path(str(files(package).joinpath(folder)))


def user_dir(annotations: Path, annotators: list[str] | tuple[str, ...]) -> Path:
    return Path(annotations) / USER_DIR / model_name(annotators)


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """The model suggestions come from: `folder` None means the rules alone."""

    kind: str
    """'user' (an annotator's own model), 'shipped' (trained on the reference labels) or 'rules'."""
    folder: Path | None = None
    name: str = ""
    """The annotators' model name for kind 'user'."""

    @property
    def path(self) -> Path | None:
        return self.folder / MODEL_FILE if self.folder is not None else None

    def meta(self) -> dict:
        """The model's metadata ({} for the rules or an unreadable file). Cheap: reads a small JSON."""
        if self.folder is None:
            return {}
        try:
            return json.loads((self.folder / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def describe(self) -> str:
        """One line for the user: whose model, trained on what."""
        if self.kind == "rules":
            return "rules alone (no trained model)"
        meta = self.meta()
        own = meta.get("own_examples")
        ref = meta.get("reference_examples")
        if self.kind == "user":
            parts = [f"{own:,} of {self.name}'s labels" if own is not None else f"{self.name}'s labels"]
            if ref:
                parts.append(f"{ref:,} reference labels as a prior")
            return f"{self.name}'s model ({' + '.join(parts)}; {self.folder})"
        n = meta.get("examples")
        where = f"installed with reader, {self.folder}" if self.folder == installed_dir() else str(self.folder)
        return f"shipped model ({f'{n:,} ' if n else ''}reference labels; {where})"


def choose(annotations: Path, annotator: str | None = None, *, fallback: Path | None = None) -> ModelChoice:
    """The model for `annotator`'s suggestions: their own under `annotations/models/`, else a model in
    `annotations/model/` (or `fallback/model/`), else the shipped one installed with reader, else the
    rules alone."""
    if annotator:
        own = user_dir(annotations, [annotator])
        if (own / MODEL_FILE).exists():
            return ModelChoice("user", own, model_name([annotator]))
    for folder in (annotations, fallback):
        if folder is not None and (shipped_dir(folder) / MODEL_FILE).exists():
            return ModelChoice("shipped", shipped_dir(folder))
    if (installed_dir() / MODEL_FILE).exists():
        return ModelChoice("shipped", installed_dir())
    return ModelChoice("rules")


def training_meta(report: dict, labels, annotators: list[str], *, shipped: bool, seconds: float, seed: int) -> dict:
    """The metadata saved beside a model trained by `Suggester.train` (its `report`): whose labels,
    how many, on which documents, the pipeline version and the cross-validation scores."""
    from reader.text.pipeline import PIPELINE_VERSION

    meta = {
        "labels": list(labels),
        "annotators": [REFERENCE] if shipped else list(annotators),
        "own_examples": report["examples"] if shipped else report["own_examples"],
        "reference_examples": report["prior_examples"],
        "counts": report["counts"],
        "documents": report["documents"],
        "own_documents": report["own_documents"],
        "pipeline_version": PIPELINE_VERSION,
        "examples": report["examples"],
        "train_seconds": round(seconds, 2),
        "seed": seed,
    }
    cv = report.get("cv")
    if cv:
        meta["cv"] = {k: _compact(cv[k]) for k in ("rules", "model") if k in cv}
        meta["cv"]["docs"] = {d: round(v, 4) for d, v in cv.get("docs", {}).items()}
    return meta


def _compact(sc: dict) -> dict:
    return {
        "macro_f1": round(sc["macro_f1"], 4),
        "labels": {k: {m: round(v[m], 4) if m != "support" else v[m] for m in v} for k, v in sc["labels"].items()},
    }


def save(model: TrainedModel, folder: Path, meta: dict) -> Path:
    """Write the model and its JSON metadata into `folder` (each file replaced atomically); returns
    the model file's path."""
    import joblib

    from reader.files import atomic_write

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        model.meta = {"format": FORMAT, "saved": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **meta}
        buf = io.BytesIO()
        joblib.dump(model, buf, compress=3)
        path = folder / MODEL_FILE
        atomic_write(path, buf.getvalue(), sync_dir=False)
        text = json.dumps(model.meta, ensure_ascii=False, indent=2) + "\n"
        atomic_write(folder / META_FILE, text.encode("utf-8"))
    except OSError as exc:
        raise ReaderError(f"cannot save the suggestion model in {folder}: {exc.strerror}; check the folder") from exc
    return path


def load(folder: Path) -> TrainedModel | None:
    """The model saved in `folder`, or None if there is none. A broken file is an error the user can fix."""
    from reader.suggest.model import TrainedModel

    path = Path(folder) / MODEL_FILE
    if not path.exists():
        return None
    import joblib

    try:
        model = joblib.load(path)
    except Exception as exc:  # unpickling can fail in many ways
        raise ReaderError(f"cannot read the suggestion model {path}: {exc}; run `reader train` again") from exc
    if not isinstance(model, TrainedModel) or model.meta.get("format") != FORMAT:
        raise ReaderError(f"{path} is not a suggestion model of this version; run `reader train` again")
    return model
