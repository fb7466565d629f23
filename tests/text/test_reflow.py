"""Reflow and outline on real passages of the seeds: column breaks, wrapped and run-in headings,
layouts with a blank after every line or one paragraph per line."""

from functools import cache
from pathlib import Path

from reader.text.pipeline import load_document, process_text
from tests.text.harness import references

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
REFS = references()


@cache
def doc(name):
    return load_document(CORPUS / f"{name}.txt")


def paragraphs(d):
    return [d.text[p.start : p.end] for p in d.paragraphs]


def test_blank_line_mid_sentence_does_not_split_it():
    # 政府建 / (blank) / 设全面加强 — a column break in the middle of a word
    texts = paragraphs(doc("xinzhou-2025"))
    assert any(t.startswith("一年来，我们履职为民、优化服务，政府建设全面加强。市政府始终坚持") for t in texts)


def test_paragraph_split_mid_word_in_one_paragraph_per_line_layout():
    texts = paragraphs(doc("datong-2025"))
    assert any("强化未来潜力产业支撑力。做大绿色低碳产业。以建设国家大宗固废" in t for t in texts)
    assert any("纵深推进政府系统党风廉政建设和反腐败斗争,深入推进" in t for t in texts)


def test_heading_wrapped_over_three_lines_comes_out_whole():
    d = doc("shuozhou-2024")
    titles = [h.title for h in d.outline if h.level == 2]
    assert "（六）以协同推进减污降碳扩绿增长为导向，全力打造高质量发展生态优势" in titles
    assert "（二）以供需两端发力为支撑，全力巩固增强经济回升向好态势" in titles


def test_run_in_heading_is_split_from_its_paragraph():
    d = doc("jinzhong-2025")
    texts = paragraphs(d)
    i = texts.index("（一）坚持稳中求进，经济运行在克难前行中持续向好。")
    assert d.paragraphs[i].kind == "heading"
    assert texts[i + 1].startswith("全面落实一揽子增量政策和存量政策，加快推动")


def test_heading_on_one_full_line_keeps_its_lead_in_out():
    d = doc("jinzhong-2025")
    titles = [h.title for h in d.outline]
    assert "（一）突出项目支撑，全力推动经济稳定增长" in titles
    assert "做实项目盘子。" in titles
    lead = next(h for h in d.outline if h.title == "做实项目盘子。")
    assert lead.level == 3
    assert lead.path == ("2025年工作安排", "（一）突出项目支撑，全力推动经济稳定增长", "做实项目盘子。")


def test_line_that_only_looks_like_a_heading_is_not_one():
    d = doc("xinzhou-feature-2025")
    assert not [h for h in d.outline if h.title.startswith("三、")]
    tail = "战略性新兴产业增加值增速进入前三、累计为中小微企业投放贷款总额位居第一。"
    assert any(tail in s.text for s in d.sentences)


def test_kicker_and_subtitle_form_one_part_heading():
    d = doc("xinzhou-feature-2025")
    assert [h.title for h in d.outline if h.level == 1] == [
        "发力有效需求———投资打好头阵 消费挖掘潜能",
        "聚力转型提速———升级传统产业 抢跑未来产业",
        "激活人才引擎———下教育“先手棋”育科创“强磁场”",
    ]


def test_feature_with_blank_after_every_line_keeps_paragraphs():
    texts = paragraphs(doc("xinzhou-feature-2025"))
    assert "扩大有效需求，忻州市抓住问题的逻辑起点和关键环节，在投资和消费两端精准施策。" in texts
    assert "（据《山西日报》）" in texts
    assert "雄忻高铁五台山站。资料图片" in texts


def test_unnumbered_part_headings_and_byline():
    d = doc("jinzhong-2025")
    assert [h.title for h in d.outline if h.level == 1] == ["2024年工作回顾", "2025年工作安排"]
    assert paragraphs(d)[-1] == "晋中市人民政府市长刘星"


def test_every_body_paragraph_ends_a_sentence_or_is_a_standalone_line():
    for name in ("xinzhou-2025", "shuozhou-2024", "jinzhong-2025"):
        d = doc(name)
        for p in d.paragraphs:
            t = d.text[p.start : p.end]
            if p.kind == "text" and len(t) > 30 and not t.startswith("——"):
                assert t.endswith(("。", "！", "：", "”")), (name, t[-30:])


def test_short_last_line_ends_a_paragraph_without_blank_lines():
    raw = "\n".join(
        [
            "一年来，我们全力以赴抓改革、促开放，发",
            "展内生动力加快释放。开发区改革进一步深",
            "化。",
            "一年来，我们全力以赴补短板、提品质，城",
            "乡融合发展加快推进。交通设施更加完善。",
            "朔州滋润机场通航。",
        ]
    )
    d = process_text(raw, "t")
    assert paragraphs(d) == [
        "一年来，我们全力以赴抓改革、促开放，发展内生动力加快释放。开发区改革进一步深化。",
        "一年来，我们全力以赴补短板、提品质，城乡融合发展加快推进。交通设施更加完善。朔州滋润机场通航。",
    ]


def test_numbered_heading_after_a_colon_starts_a_new_paragraph():
    raw = "重点做好以下8方面工作：\n\n（一）扩大有效需求，推动经济持续回升向好\n持续扩大有效投资。以重大项目建设。\n"
    d = process_text(raw, "t")
    assert paragraphs(d) == [
        "重点做好以下8方面工作：",
        "（一）扩大有效需求，推动经济持续回升向好",
        "持续扩大有效投资。以重大项目建设。",
    ]


def test_raw_line_provenance_of_sentences():
    d = doc("xinzhou-2025")
    s = next(s for s in d.sentences if s.text.startswith("建立中小微企业融资协调机制"))
    assert s.line == 4  # the sentence starts mid-line 4 of the raw file
    h = next(h for h in d.outline if h.title.startswith("（二）紧扣产业转型"))
    assert h.line == 319


def test_two_heading_lines_in_a_row_stay_two_headings():
    d = process_text("二、2025年工作安排\n（一）扩大有效需求\n持续扩大有效投资。确保完成投资。\n", "t")
    assert [(h.level, h.title) for h in d.outline[:2]] == [(1, "二、2025年工作安排"), (2, "（一）扩大有效需求")]


def test_a_lead_in_covers_its_own_paragraph_only():
    d = doc("datong-2025")
    problem = next(s for s in d.sentences if s.text.startswith("在肯定成绩的同时"))
    assert not any(t.startswith("六是") for t in problem.section)
    inside = next(s for s in d.sentences if s.text.startswith("圆满承办第六届"))
    assert inside.section[-1] == "六是用情用力惠民生。"


def test_national_style_report_in_gbk_with_crlf():
    """A national-report layout (wrapped at 22, GBK, CRLF): a long part heading wrapped over two
    lines, 一是… lead-ins, and run-in section headings ending with 。 that wrap at the column edge
    (…加快发展新 / 质生产力。充分发挥…)."""
    d = load_document(Path(__file__).parent / "data" / "national-style-gbk-crlf.txt")
    assert [(h.level, h.title) for h in d.outline] == [
        (1, "一、2023年工作回顾"),
        (3, "一是加强宏观调控，经济回升向好。"),
        (3, "二是依靠改革开放增强发展内生动力。"),
        (1, "二、2024年经济社会发展总体要求和政策取向"),
        (1, "三、2024年政府工作任务"),
        (2, "（一）大力推进现代化产业体系建设，加快发展新质生产力。"),
        (3, "推动产业链供应链优化升级。"),
        (3, "积极培育新兴产业和未来产业。"),
        (2, "（二）深入实施科教兴国战略，强化高质量发展的基础支撑。"),
        (3, "加强高质量教育体系建设。"),
    ]
    assert paragraphs(d)[:2] == [
        "各位代表：",
        "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。",
    ]
    assert d.encoding == "gb18030"
    texts = paragraphs(d)
    assert (
        "充分发挥创新主导作用，以科技创新推动产业创新，加快推进新型工业化，提高全要素生产率，"
        "不断塑造发展新动能新优势。" in texts
    )


def test_title_block_stands_alone_and_enumerations_are_not_headings():
    raw = "\n".join(
        [
            "政府工作报告",
            "——2025年1月14日在山西省第十四届人民代表大会第三次会议上",
            "山西省省长 金湘军",
            "",
            "各位代表：",
            "现在，我代表省人民政府，向大会报告工作，请予审议。主要措施有：",
            "（一）加强组织领导；",
            "（二）强化要素保障。",
            "一、2024年工作回顾",
            "过去一年，我们坚持稳中求进。",
        ]
    )
    d = process_text(raw, "t")
    assert paragraphs(d)[:4] == [
        "政府工作报告",
        "——2025年1月14日在山西省第十四届人民代表大会第三次会议上",
        "山西省省长 金湘军",
        "各位代表：",
    ]
    assert [h.title for h in d.outline] == ["一、2024年工作回顾"]


def test_indented_paragraphs_start_at_the_indent_even_after_a_full_line():
    raw = "\n".join(
        [
            "\u3000\u3000一年来，我们全力以赴抓改革、促开放，发展内",
            "生动力加快释放。开发区改革进一步深化取得成效。",
            "\u3000\u3000一年来，我们全力以赴补短板、提品质，城乡融",
            "合发展加快推进。交通设施更加完善，朔州机场通航。",
            "\u3000\u3000一年来，我们全力以赴办实事、惠民生，人民幸",
            "福指数加快提高。民生实事全部完成。",
        ]
    )
    d = process_text(raw, "t")
    assert paragraphs(d) == [
        "一年来，我们全力以赴抓改革、促开放，发展内生动力加快释放。开发区改革进一步深化取得成效。",
        "一年来，我们全力以赴补短板、提品质，城乡融合发展加快推进。交通设施更加完善，朔州机场通航。",
        "一年来，我们全力以赴办实事、惠民生，人民幸福指数加快提高。民生实事全部完成。",
    ]


def test_a_numbered_heading_after_a_short_title_line():
    raw = "晋中市2025年政府工作报告\n一、2024年工作回顾\n2024年是攻坚克难、砥砺奋进的一年。一年来，我们坚持稳中求进。\n"
    d = process_text(raw, "t")
    assert paragraphs(d)[:2] == ["晋中市2025年政府工作报告", "一、2024年工作回顾"]
    assert [h.title for h in d.outline] == ["一、2024年工作回顾"]


def test_topic_sentences_inside_a_paragraph_are_lead_ins_running_to_the_next():
    d = doc("jinzhong-2025")
    first = "（一）坚持稳中求进，经济运行在克难前行中持续向好。"
    leads = [h.title for h in d.outline if h.level == 3 and h.path[1] == first]
    assert leads == ["项目建设支撑有力。", "消费需求加速释放。", "对外贸易扩量增效。"]
    grain = next(s for s in d.sentences if s.text.startswith("粮食单产连续五年领跑全省"))
    assert grain.section[-1] == "“特”“优”农业加快发展。"
    # The paragraph's opening sentences before its first lead-in stay in the section itself.
    opening = next(s for s in d.sentences if s.text.startswith("全面落实一揽子增量政策"))
    assert opening.section == ("2024年工作回顾", first)
    # An event (机场通航) or an order (夯实出口基本盘) inside a paragraph is not a lead-in.
    assert not [h for h in doc("shuozhou-2024").outline if h.title == "朔州滋润机场通航。"]
    assert not [h for h in doc("datong-2025").outline if h.title == "夯实出口基本盘。"]


def test_the_title_block_belongs_to_no_section_and_is_not_labelled():
    d = doc("jinzhong-2025")
    tail = d.sentences[-3:]
    assert [s.text for s in tail] == [
        "政府工作报告（摘要）",
        "——2025年2月26日在晋中市第五届人民代表大会第五次会议上",
        "晋中市人民政府市长刘星",
    ]
    assert all(s.kind == "title" and s.section == () for s in tail)
    assert d.sentences[-4].section[0] == "2025年工作安排"


def test_end_notes_are_paragraphs_of_their_own_outside_the_body():
    raw = "\n".join(
        [
            "（一）扩大有效需求",
            "持续扩大有效投资。确保完成投资任务，推进",
            "重点项目建设。",
            "注释",
            "［1］一降三减：降低企业成本，减少审批事",
            "项、减少收费、减少检查。",
            "［2］“两新”：新一轮大规模设备更新和消费品",
            "以旧换新。",
        ]
    )
    d = process_text(raw, "t")
    assert paragraphs(d)[2:] == [
        "注释",
        "［1］一降三减：降低企业成本，减少审批事项、减少收费、减少检查。",
        "［2］“两新”：新一轮大规模设备更新和消费品以旧换新。",
    ]
    notes = [s for s in d.sentences if s.text.startswith("［")]
    assert [s.section for s in notes] == [(), ()] and all(s.kind == "sentence" for s in notes)


def test_quiet_gaps_are_decided_as_the_full_rule_list_would():
    from reader.text.pipeline import clean_text
    from reader.text.reflow import GAP_RULES, Gap, Layout, decide_gap, is_quiet, make_lines

    checked = 0
    for name in ("xinzhou-2025", "jinzhong-2025", "xinzhou-feature-2025"):
        lines = make_lines(clean_text((CORPUS / f"{name}.txt").read_text(encoding="utf-8"))[0])
        layout = Layout(lines)
        for i in range(len(lines) - 1):
            if not is_quiet(lines[i], lines[i + 1]):
                continue
            gap = Gap(lines[i], lines[i + 1], i, i + 1, layout, False)
            full = next((v, n) for n, rule in GAP_RULES if (v := rule(gap)) is not None)
            assert decide_gap(gap) == full
            if layout.quick_join[i] is not None:  # the joins known without asking the rules
                assert full == (False, layout.quick_join[i])
            checked += 1
    assert checked > 800


def test_one_paragraph_per_line_text_is_a_fixed_point():
    """The pipeline's own output (one paragraph per line) gives the same paragraphs again, also
    when the file is short and its longest line ends with 。 (hypothesis found this)."""
    pars = [
        "2024年经续经经。经经经经，创新市祉经，经经经经，经经经经。经经经续建经，经经城经，经经福75周年设5%祉民，"
        "2024年资放进75周年革110.53亿元经祉项经3.5%消增14GW续创23.3%续城。经进5%项投，经5%升产经，经经升费。进经经经。"
        "经经经经。经进面城产，3.5%续3.5%全经3.5%资，经经经祉目展。经5242户经经经。",
        "75周年业2×35发3.5%展济城项75周年升质。济经济经。经经经经。",
        "济经经经经，经经提75周年续14GW乡3.5%场业5242户费3.5%目。济经经经。量经经经。",
        "革3.5%项2024年经建，5%设融展23.3%效110.53亿元益设。改1.14亿吨革开提续2024年持14GW民。经经经经。",
    ]
    assert paragraphs(process_text("\n".join(pars), "t")) == pars


def test_a_colon_lead_in_stays_apart_in_one_paragraph_per_line_text():
    pars = [
        "一年来,我们重点抓了以下工作:",
        "产业转型步伐加快。新能源装机达到1200万千瓦,煤炭先进产能占比提高到80%。",
        "生态环境持续改善。空气质量优良天数比例达到85%,地表水国考断面全部达标。",
        "民生福祉不断增进。城镇新增就业3.2万人。",
    ]
    assert paragraphs(process_text("\n".join(pars), "t")) == pars
    # The lead-in is the longest line: it looks like a full line of a column.
    pars = ["一年来,我们紧紧围绕高质量发展这个首要任务,重点抓了以下几个方面的工作:", *pars[1:]]
    assert paragraphs(process_text("\n".join(pars), "t")) == pars


def test_short_file_with_blank_lines_between_paragraphs_breaks_after_its_longest_line():
    """Paragraphs of one or two lines separated by blank lines: a blank follows nearly every line,
    yet it is no 'blank after every line' layout (no blank inside a sentence)."""
    raw = "\n".join(
        [
            "今年是“十五五”规划开局之年，做好政府工作意义重大。",
            "",
            "全市经济运行稳中向好，",
            "主要指标好于预期。",
            "",
            "城乡居民收入稳步增长。",
            "",
            "生态环境持续改善。",
        ]
    )
    assert paragraphs(process_text(raw, "t")) == [
        "今年是“十五五”规划开局之年，做好政府工作意义重大。",
        "全市经济运行稳中向好，主要指标好于预期。",
        "城乡居民收入稳步增长。",
        "生态环境持续改善。",
    ]


def test_a_wrapped_title_block_does_not_swallow_the_first_part_heading():
    raw = "\n".join(
        [
            "某某省人民政府工作报",
            "告（摘要）",
            "一、2025年工作回顾",
            "过去一年，全省上下团结奋斗，经济社会",
            "发展取得新成效。地区生产总值增长5.2%，",
            "一般公共预算收入增长4.1%。",
        ]
    )
    d = process_text(raw, "t")
    assert paragraphs(d)[:2] == ["某某省人民政府工作报告（摘要）", "一、2025年工作回顾"]
    assert [h.title for h in d.outline] == ["一、2025年工作回顾"]
    assert d.paragraphs[0].kind == "title"


def test_pdftotext_title_block_and_a_number_cut_by_the_wrap():
    # pdftotext of a county report: a dateline wrapped after 在, an indented byline after it, and
    # spaces by digits that make full lines look short once squeezed (增加到 20 / 21 年).
    raw = "\n".join(
        [
            "\u3000\u3000政府工作报告",
            "\u3000\u3000——2022 年 1 月 6 日在",
            "安平县第十七届人民代表大会第一次会议上",
            "\u3000\u3000安平县县长\u3000王建平",
            "\u3000\u3000各位代表：",
            "\u3000\u3000现在，我代表县人民政府，向大会报告",
            "工作，请予审议，并请县政协委员和其他列",
            "席人员提出意见。",
            "\u3000\u3000城乡面貌显著改善。完成农村人居环境",
            "整治三年行动，农村卫生厕所普及率达到",
            "92%。县城空气质量优良天数由 ",
            "2016 年的 168 天增加到 20",
            "21 年的 251 天。新建改造城区道路 42 公",
            "里，改造老旧小区 63 个，建成口袋公园",
            "18 个。",
        ]
    )
    d = process_text(raw, "t")
    assert paragraphs(d)[:3] == [
        "政府工作报告",
        "——2022年1月6日在安平县第十七届人民代表大会第一次会议上",
        "安平县县长 王建平",
    ]
    assert "县城空气质量优良天数由2016年的168天增加到2021年的251天。" in [s.text for s in d.sentences]


def test_a_heading_set_larger_wraps_on_a_narrower_measure():
    # A part heading and a kicker in a bigger font hold fewer characters than the body's column:
    # their first line looks short, and the fragment after it is still theirs (issue 16, item 2).
    raw = "\n".join(
        [
            "我们一定正视问题、直面挑战，全力以赴做好",
            "各项工作，决不辜负人民期待。",
            "",
            "二、2026年经济社会发展总体要",
            "求和政策取向",
            "",
            "今年是“十五五”规划开局之年。做好政府工",
            "作，要坚持稳中求进工作总基调，完整准确全",
            "面贯彻新发展理念，加快构建新发展格局。",
            "",
            "发力有效需求———投资打好头",
            "阵 消费挖掘潜能",
            "",
            "扩大有效需求，要抓住问题的逻辑起点和关键",
            "环节，在投资和消费两端同时发力，稳住经济",
            "增长的基本盘。",
        ]
    )
    d = process_text(raw, "t")
    assert [h.title for h in d.outline if h.level == 1] == [
        "二、2026年经济社会发展总体要求和政策取向",
        "发力有效需求———投资打好头阵 消费挖掘潜能",
    ]


def outline_of(raw):
    return [(h.level, h.title) for h in process_text(raw, "p").outline]


BODY = "过去一年，全市经济运行稳中有进，地区生产总值增长5.2%，\n规模以上工业增加值增长6.8%。\n"


def test_a_bold_heading_extracted_twice_is_kept_once():
    # A print-to-PDF draws bold text twice; its text reads `一、…一、…` on one line.
    d = process_text("一、2024年工作回顾一、2024年工作回顾\n" + BODY, "p")
    assert [(h.level, h.title) for h in d.outline] == [(1, "一、2024年工作回顾")]
    assert paragraphs(d)[1] == "过去一年，全市经济运行稳中有进，地区生产总值增长5.2%，规模以上工业增加值增长6.8%。"


def test_a_doubled_heading_letter_spaced_and_wrapped_over_lines_is_kept_once_and_whole():
    title = "（二）因地制宜发展新质生产力，加快建设现代化产业体系"
    spaced = "\u3000".join(title + title)
    raw = "二、2025年工作安排\n" + "\n".join(spaced[k : k + 40] for k in range(0, len(spaced), 40)) + "\n" + BODY
    assert outline_of(raw) == [(1, "二、2025年工作安排"), (2, title)]


def test_a_doubled_bold_lead_in_run_into_its_paragraph_is_kept_once():
    raw = (
        "（一）扩大有效需求\n扎实推进项目建设。扎实推进项目建设。安排市重点项目420个，年度计划\n"
        "投资1020亿元。加快地铁3号线等重大工程建设。\n"
    )
    d = process_text(raw, "p")
    assert paragraphs(d)[1].startswith("扎实推进项目建设。安排市重点项目420个，")
    assert (3, "扎实推进项目建设。") in [(h.level, h.title) for h in d.outline]


def test_a_body_sentence_said_twice_is_not_taken_for_bold_text():
    # Only what reports set in bold (headings, titles, short lead-ins) is undoubled.
    twice = "全市地区生产总值增长5.2%，规模以上工业增加值增长6.8%。"
    d = process_text(twice + twice + "\n", "p")
    assert d.text == twice + twice


def test_an_order_after_a_full_last_line_opens_a_paragraph_where_evaluations_run_inside_them():
    # Evaluations are strung inside paragraphs (项目建设支撑有力。…消费需求加速释放。), yet every
    # paragraph of the plan opens with an order (做实项目盘子。): one after an exactly full last
    # line still opens a paragraph.
    from reader.text.chars import width
    from tests.text.harness import wrap

    pars = [
        "（一）突出项目支撑，全力推动经济稳定增长",
        "项目建设支撑有力。全年实施重点项目320个。消费需求加速释放。社会消费品零售总额增长5%。",
        "做实项目盘子。坚持谋划一批、储备一批、开工一批，全年谋划项目500个。",
        "提高投资效益。优化政府投资结构，带动社会投资增长8%以上，全面完成年度计划。",
        "做大项目牵引。扎实开展重点项目攻坚行动，确保项目早日投产。",
        "激发消费潜能。落实以旧换新政策，举办促消费活动100场以上。",
    ]
    for cols in (21, 22):
        assert width(wrap(pars[1], cols)[-1]) >= 2 * cols - 2  # the paragraph before ends a full line
        d = process_text("\n".join(line for p in pars for line in wrap(p, cols)) + "\n", "p")
        assert paragraphs(d) == pars


def test_a_heading_cut_one_character_into_a_clause_takes_its_next_line_with_a_blank_after_every_line():
    # `…为根本，全` cannot end a heading: the wrap cut it; the next line (no sentence in it) is its
    # rest, closed by the lead-in that opens the body. The blanks after every line say nothing.
    raw = (
        "（七）以补齐民生短板为根本，全\n\n力满足人民群众对美好生活的向往\n\n"
        "提高就业质量水平。突出就业优先导\n\n向，启动省级人力资源产业园建设。\n\n"
        "提高全民健康水平。支持市人民医院\n\n创建省级区域医疗中心。\n\n"
    )
    assert outline_of(raw)[0] == (2, "（七）以补齐民生短板为根本，全力满足人民群众对美好生活的向往")


def test_a_kicker_whose_subtitle_wraps_keeps_its_last_character_with_a_blank_after_every_line():
    raw = (
        "发力有效需求———投资打好头阵消费挖掘潜\n\n能\n\n扩大有效需求，忻州市抓住投资和消费\n\n"
        "两端精准施策，全年完成投资480亿元。\n\n推动商文旅体健融合发展，扩大消费规\n\n模。\n\n"
    )
    assert outline_of(raw)[0] == (1, "发力有效需求———投资打好头阵消费挖掘潜能")


def test_a_lead_in_whose_two_phrases_an_enumeration_comma_joins_is_a_section():
    from reader.text.headings import leadin_title

    assert leadin_title("坚持稳中求进、以进促稳。", has_more=True) == "坚持稳中求进、以进促稳。"
    assert leadin_title("坚持先立后破、通盘谋划。", has_more=True) == "坚持先立后破、通盘谋划。"
    assert leadin_title("坚持稳中求进，以进促稳。", has_more=True) is None  # a clause: a sentence
    # …and through the pipeline, in the national report's plan (one paragraph per line)
    ref = next(r for r in REFS if r.name == "national-2026")
    outline = [(h.level, h.title) for h in process_text("\n".join(p.text for p in ref.paragraphs), "n").outline]
    assert (3, "坚持稳中求进、以进促稳。") in outline and (3, "坚持系统观念、协同发力。") in outline


def test_an_indented_quotation_after_a_full_line_ending_with_a_colon_is_a_paragraph():
    # A report quoting someone: the sentence before the quotation ends with ： at the column's edge,
    # and the quotation opens a paragraph of its own, indented as every paragraph of the file is.
    raw = "\n".join(
        [
            "\u3000\u3000今年要持续优化营商环境，让经营主体",
            "办事更便利。正如一位个体工商户所说的：",
            "\u3000\u3000“材料少交一份，心里就多一分底。”我",
            "们要把这样的期盼落到每一个窗口。",
            "\u3000\u3000推进政务服务“一网通办”，企业开办时",
            "间压缩到一个工作日以内。",
        ]
    )
    d = process_text(raw, "t")
    assert paragraphs(d) == [
        "今年要持续优化营商环境，让经营主体办事更便利。正如一位个体工商户所说的：",
        "“材料少交一份，心里就多一分底。”我们要把这样的期盼落到每一个窗口。",
        "推进政务服务“一网通办”，企业开办时间压缩到一个工作日以内。",
    ]


def test_a_box_head_stands_alone_before_the_items_it_heads():
    """专栏1 … (a boxed column's head in a national report) is no sentence going on into the
    `——` item under it, even across the blank line a PDF's paragraphs leave."""
    from reader.text.pipeline import process_text

    text = (
        "二、主要目标任务\n\n《纲要草案》提出了一系列重大工程和项目。\n\n专栏1 “十四五”时期重大工程项目\n\n"
        "——科技攻关：新一代人工智能、量子信息、集成电路等前沿领域。\n\n——交通强国：川藏铁路、沿江高铁等。\n"
    )
    units = ["".join(s.text.split()) for s in process_text(text, "t").sentences]
    assert "专栏1“十四五”时期重大工程项目" in units, units
    assert any(u.startswith("——科技攻关") for u in units), units
