"""The command-line contract of the pipeline: `reader text|outline|sentences PATH [--json]`."""

import json

import pytest


def test_outline_json_fields(cli, corpus_dir):
    r = cli("outline", str(corpus_dir / "jinzhong-2025.txt"), "--json")
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    assert items[0] == {**items[0], "level": 1, "title": "2024年工作回顾", "start": 0, "line": 1}
    for item in items:
        assert {"level", "title", "start", "line"} <= set(item)
        assert isinstance(item["level"], int) and item["level"] >= 1


def test_sentences_json_lines_fields_and_offsets(cli, corpus_dir):
    path = corpus_dir / "xinzhou-2025.txt"
    units = [json.loads(line) for line in cli("sentences", str(path), "--json").stdout.splitlines()]
    text = cli("text", str(path)).stdout
    flat = text.rstrip("\n")
    assert len(units) > 200
    for u in units:
        assert {"id", "text", "section", "start", "end", "line", "kind"} <= set(u)
        assert u["kind"] in ("sentence", "heading")
        assert flat[u["start"] : u["end"]] == u["text"]
    assert len({u["id"] for u in units}) == len(units)


def test_text_puts_headings_on_their_own_lines(cli, corpus_dir):
    lines = cli("text", str(corpus_dir / "shuozhou-2024.txt")).stdout.splitlines()
    assert "（六）以协同推进减污降碳扩绿增长为导向，全力打造高质量发展生态优势" in lines


def test_human_outputs_render(cli, corpus_dir):
    path = str(corpus_dir / "datong-2025.txt")
    assert "二、2025年工作安排" in cli("outline", path).stdout
    assert cli("sentences", path).returncode == 0


@pytest.mark.parametrize("make", ["missing", "folder", "binary", "empty"])
@pytest.mark.parametrize("command", ["text", "outline", "sentences"])
def test_bad_input_is_one_line_on_stderr_and_exit_2(cli, tmp_path, make, command):
    path = tmp_path / "x.txt"
    if make == "folder":
        path = tmp_path
    elif make == "binary":
        path.write_bytes(bytes(range(256)) * 8)
    elif make == "empty":
        path.write_bytes(b"")
    r = cli(command, str(path), "--json") if command != "text" else cli(command, str(path))
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1
    assert str(path) in r.stderr and "Traceback" not in r.stderr


def test_report_text_that_looks_like_rich_markup_is_printed_verbatim(cli, tmp_path):
    path = tmp_path / "markup.txt"
    path.write_text("一、2025年工作安排\n\n（一）推进[/]改革[b]试点\n加强[/red]建设。推进[x]工作。\n", encoding="utf-8")
    for command in ("outline", "sentences", "suggest"):
        r = cli(command, str(path))
        assert r.returncode == 0, r.stderr
        assert "[/]" in r.stdout and "Traceback" not in r.stderr


def test_text_explain_names_the_rule_of_every_gap_and_heading(cli, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(
        "一年来，我们主要做了以下工作：\n一是加大宏观调控力度，经济持续\n回升向好。实施更加积极的财政政策。\n"
        "二、2026年经济社会发展总体要求和政策取向\n今年是开局之年。\n",
        encoding="utf-8",
    )
    r = cli("text", str(path), "--explain")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("line 1|2  break  colon lead-in before an enumeration")
    assert lines[1].startswith("line 2|3  join   sentence goes on")
    assert any(
        x.startswith("line 4  heading 1  ") and x.endswith("二、2026年经济社会发展总体要求和政策取向") for x in lines
    )
    plain = cli("text", str(path)).stdout.splitlines()
    assert plain[:2] == [
        "一年来，我们主要做了以下工作：",
        "一是加大宏观调控力度，经济持续回升向好。实施更加积极的财政政策。",
    ]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("Hello world, this is an English README.\nIt is not a report at all.\n", "Chinese"),
        (
            "\n".join("全县经济持续恢复主要指标好于预期各项工作取得新进展"[k:] + "第" + str(k) for k in range(20)),
            "no sentence ends",
        ),
    ],
)
def test_a_text_that_is_no_report_is_read_but_the_user_is_told(cli, tmp_path, content, said):
    path = tmp_path / "x.txt"
    path.write_text(content, encoding="utf-8")
    r = cli("sentences", str(path), "--json")
    assert r.returncode == 0 and r.stdout  # the output is what it always was
    assert r.stderr.startswith("reader: warning: ") and said in r.stderr and str(path) in r.stderr


def test_a_report_gets_no_warning(cli, corpus_dir):
    for name in ("jinzhong-2025.txt", "xinzhou-feature-2025.txt"):
        assert cli("outline", str(corpus_dir / name), "--json").stderr == ""
