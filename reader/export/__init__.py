"""Export of labels as training sets (`reader export`) and label statistics (`reader stats`).

Headless: never imports Textual or argparse; jieba is imported only when tokens are asked for.

- `run`: an `ExportRequest` (paths and options, typed) → files; `source`: the store and corpus,
  read-only.
- `records`: one native record per label (or per negative); `collect`: store + corpus → records,
  with positions from the current pipeline; `documents`: cached sentence tables of the reports.
- `classes` (label names in id order), `formats` (jsonl, doccano, prodigy, prodigy-choice,
  labelstudio, csv; `labelstudio` builds the tasks and the labelling config) and `writer` (file
  names, atomic writes); `split` (document-level, balanced per label); `manifest`; `card` (the
  Hugging Face dataset card); `tokens` (jieba, pooled and cached).
- `kappa` and `stats` (figures; `reader.cli.stats_view` draws them); `progress` (a Rich bar on
  stderr that appears after a second).
"""
