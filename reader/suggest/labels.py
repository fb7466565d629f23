"""The four suggestion classes, in display order (the store's label set plus `none`)."""

from __future__ import annotations

LABELS: tuple[str, ...] = ("target", "achievement", "problem", "none")
