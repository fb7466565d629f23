"""Export of labels as training sets (`reader export`) and label statistics (`reader stats`).

Headless: never imports Textual. jieba is imported only when tokens are asked for.
Modules: `records` (one export record per label or negative), `collect` (store + corpus → records),
`formats` (jsonl, doccano, prodigy, csv), `split` (document-level splits), `manifest`, `tokens`,
`kappa` and `stats` (agreement and per-document figures), `progress` (delayed Rich progress bar).
"""
