"""Headless corpus access for the app: fast listing of a folder of reports and a per-file cache of
what the text pipeline computed (keyed by content hash and `PIPELINE_VERSION`). Never imports Textual."""
