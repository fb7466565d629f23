"""`no_gc_pauses`: build many objects without the cyclic garbage collector rescanning them.

Processing a report, building export records, or holding a corpus table's results (hundreds of
thousands of indicator records) means millions of objects that form no cyclic garbage. Each time
the allocations pass its threshold, the collector walks the young objects, and every so often the
whole growing heap: on 10 MB of reports as one text a fifth of the pipeline's time, on 100,000
export records half the run, at 5,000 reports a third of the corpus table's parent. Reference
counting still frees everything as usual; the collector runs again, as it would have, after the
block.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Collector off inside the block; on again after it if it was on before (nesting and threads
    are safe: only the block that switched it off switches it back on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
