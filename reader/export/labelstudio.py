"""Label Studio: tasks (a JSON array, its "Basic Label Studio JSON format") and the labelling config
that matches them.

One task per sentence. `data` holds the sentence and where it comes from (`text`, `id`, `doc`,
`section`, `section_path`, `start`, `end`, `line`, and `tokens` when exported).
Each annotator's label is one entry of `annotations`, whose `result` is a `choices` result for the
`label` control (plus a `textarea` result for the `note` control when there is a note), with
`created_at`/`updated_at`, `ground_truth: false`, the annotator's name under `annotator` and the
record's other fields (`orphan`, …) under `reader` (Label Studio ignores both keys; `reader
import-labels` reads them; `completed_by` is left out because Label Studio only accepts the e-mail or
id of one of its own users there). The suggestion for the
sentence, when there is one, is a `predictions` entry with its `score` and `model_version`.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import quoteattr

from reader.export.classes import Classes
from reader.export.records import SECTION_SEPARATOR

CONTROL, OBJECT, NOTE = "label", "text", "note"
SENTENCE_FIELDS = ("id", "doc", "text", "section", "start", "end", "line", "tokens")
"""What goes into a task's `data`; every other field of a record belongs to its annotation."""
_IN_ANNOTATION = ("label", "annotator", "created", "updated", "note")


def choice(label: str) -> dict[str, Any]:
    return {"from_name": CONTROL, "to_name": OBJECT, "type": "choices", "value": {"choices": [label]}}


def _annotation(record: dict[str, Any]) -> dict[str, Any]:
    result = [choice(record["label"])]
    if record.get("note"):
        result.append({"from_name": NOTE, "to_name": OBJECT, "type": "textarea", "value": {"text": [record["note"]]}})
    out = {
        "result": result,
        "created_at": record.get("created"),
        "updated_at": record.get("updated"),
        "ground_truth": False,
        "was_cancelled": False,
        "annotator": record.get("annotator"),
    }
    extra = {k: v for k, v in record.items() if k not in SENTENCE_FIELDS and k not in _IN_ANNOTATION}
    if extra:  # e.g. `orphan`: the rest of the record, for `reader import-labels`
        out["reader"] = extra
    return out


def tasks(records: list[dict[str, Any]], predictions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Tasks for the records (grouped by sentence, in the records' order). `predictions`: sentence
    id → {"label", "score", "model_version"}."""
    by_sentence: dict[tuple[str, str], dict[str, Any]] = {}
    for r in records:
        key = (r["doc"], r["id"])
        task = by_sentence.get(key)
        if task is None:
            data = {k: v for k, v in r.items() if k in SENTENCE_FIELDS}
            data["section_path"] = SECTION_SEPARATOR.join(r.get("section") or [])
            suggested = predictions.get(r["id"])
            task = {
                "data": data,
                "annotations": [],
                "predictions": [
                    {
                        "model_version": suggested["model_version"],
                        "score": suggested["score"],
                        "result": [choice(suggested["label"])],
                    }
                ]
                if suggested
                else [],
            }
            by_sentence[key] = task
        task["annotations"].append(_annotation(r))
    return list(by_sentence.values())


def label_config(names: Classes) -> str:
    """The labelling config (XML) for these tasks: the sentence with its report and section above
    it, one single choice among the classes (with the app's keys as hotkeys), a note."""
    lines = [
        "<View>",
        '  <Header value="$doc · $section_path · line $line" size="6"/>',
        f'  <Text name="{OBJECT}" value="$text"/>',
        f'  <Choices name="{CONTROL}" toName="{OBJECT}" choice="single" showInline="true" required="true">',
    ]
    for name in names.names:
        attrs = f"value={quoteattr(name)}"
        if names.title(name) != name:  # shown as 目标 target; the result keeps the value
            attrs += f" html={quoteattr(names.title(name))}"
        key = names.keys.get(name)
        if key and len(key) == 1:
            attrs += f" hotkey={quoteattr(key)}"
        lines.append(f"    <Choice {attrs}/>")
    lines += [
        "  </Choices>",
        f'  <TextArea name="{NOTE}" toName="{OBJECT}" placeholder="note" maxSubmissions="1" editable="true"/>',
        "</View>",
    ]
    return "\n".join(lines) + "\n"
