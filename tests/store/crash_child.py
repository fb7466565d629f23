"""Child process for the crash test: writes labels in a loop and acknowledges each returned call.

Usage: python crash_child.py FOLDER ROUND SEED [FOLD_EVERY FOLD_IDLE FOLD_POLL]. Prints
`do KIND DOC SID LABEL` before each call and `ack` after it returns (flushed), so the parent knows
which call, if any, was in flight when killed.
"""

from __future__ import annotations

import random
import sys

from reader.store import AnnotationStore
from reader.store import journal as jr


def main() -> None:
    folder, rnd, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if len(sys.argv) > 4:  # fold often, so that kills land in the middle of background folds too
        jr.FOLD_EVERY, jr.FOLD_IDLE, jr.FOLD_POLL = int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
    rng = random.Random(seed)
    store = AnnotationStore(folder)
    assert not store.read_only, store.read_only_reason
    print("ready", flush=True)
    mine: list[tuple[str, str]] = []
    i = 0
    while True:
        i += 1
        doc = f"doc{rng.randrange(4)}"
        roll = rng.random()
        if roll < 0.2 and mine:
            doc, sid = rng.choice(mine)
            print(f"do clear {doc} {sid} -", flush=True)
            store.clear_label(doc, sid, annotator="crash")
        elif roll < 0.25:
            recs = [
                {"doc": doc, "sentence": f"r{rnd}b{i}n{k}", "label": "problem", "annotator": "crash", "text": "批量"}
                for k in range(20)
            ]
            print(f"do bulk {doc} r{rnd}b{i}n problem", flush=True)
            store.bulk_set(recs)
        else:
            sid = f"r{rnd}s{i}"
            name = rng.choice(["target", "achievement", "problem"])
            print(f"do set {doc} {sid} {name}", flush=True)
            store.set_label(doc, sid, name, annotator="crash", text="测试句子" * rng.randrange(1, 20))
            mine.append((doc, sid))
            if rng.random() < 0.2:
                store.set_position(doc, "crash", sid)
        print("ack", flush=True)


if __name__ == "__main__":
    main()
