"""`RowTable`: a DataTable of rows where Home/End go to the first/last row.

DataTable's own Home/End scroll sideways, which a table of reports or keys never needs.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable):
    BINDINGS: ClassVar[list] = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]
