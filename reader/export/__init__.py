"""Export of labels as training sets (`reader export`) and label statistics (`reader stats`).

Headless: never imports Textual; jieba is imported only when tokens are asked for.

- `records`: one native record per label (or per negative); `collect`: store + corpus → records,
  with positions from the current pipeline; `documents`: cached sentence tables of the reports.
- `formats` (jsonl, doccano, prodigy, csv) and `writer` (file names, atomic writes);
  `split` (document-level, balanced per label); `manifest`; `tokens` (jieba, pooled and cached).
- `kappa` and `stats` (figures), `stats_command` (Rich tables); `command` (the export command);
  `progress` (a Rich bar on stderr that appears after a second).
"""
