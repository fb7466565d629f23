"""Numbers as the reports write them: digits of both widths, decimals, Chinese numerals with a measure
word, % and ％, ranges, hedges before and after, and the numbers that are not quantities."""

from __future__ import annotations

import pytest

from reader.indicators.clauses import find_records
from reader.indicators.numbers import chinese_number, find_quantities, normalize, parse_number


def one(text: str) -> tuple:
    (r,) = find_records(text)
    return (r.indicator, r.measure, r.value, r.unit, r.qualifier)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("地区生产总值增长5%左右。", ("地区生产总值", "增长", 5, "%", "左右")),
        ("地区生产总值增长５．５％左右。", ("地区生产总值", "增长", 5.5, "%", "左右")),
        ("地区生产总值增长 5.5 %以上。", ("地区生产总值", "增长", 5.5, "%", "以上")),
        ("城镇新增就业3.2万人。", ("城镇新增就业", "人数", 3.2, "万人", "")),
        ("粮食产量1.3万亿斤以上。", ("粮食产量", "产量", 1.3, "万亿斤", "以上")),
        ("城镇调查失业率控制在5.5%以内。", ("城镇调查失业率", "率", 5.5, "%", "以内")),
        ("细颗粒物年均浓度降至30微克/立方米以下。", ("细颗粒物年均浓度", "浓度", 30, "微克/立方米", "以下")),
        ("地区生产总值增长4.5%—5%。", ("地区生产总值", "增长", [4.5, 5], "%", "")),
        ("地区生产总值增长4.5—5%。", ("地区生产总值", "增长", [4.5, 5], "%", "")),
        ("地区生产总值增长5%～5.5%。", ("地区生产总值", "增长", [5, 5.5], "%", "")),
        ("地区生产总值增长4.5%至5%。", ("地区生产总值", "增长", [4.5, 5], "%", "")),
        ("地区生产总值增长5-6%。", ("地区生产总值", "增长", [5, 6], "%", "")),
        ("力争地区生产总值增长8%以上。", ("地区生产总值", "增长", 8, "%", "力争…以上")),
        ("地区生产总值力争增长8%。", ("地区生产总值", "增长", 8, "%", "力争")),
        ("研发经费投入增长不低于10%。", ("研发经费投入", "增长", 10, "%", "不低于")),
        ("快递业务量突破4.5亿件。", ("快递业务量", "", 4.5, "亿件", "突破")),
        ("惠及消费者近10万人次。", ("惠及消费者", "人数", 10, "万人次", "近")),
        ("集聚创新人才260余名。", ("集聚创新人才", "人数", 260, "名", "余")),
        ("市城区4万多盏路灯全部更新。", ("路灯", "", 4, "万盏", "多")),
        ("新建中小学校十二所。", ("新建中小学校", "", 12, "所", "")),
        ("取得两个一等奖。", ("一等奖", "", 2, "个", "")),
        ("财政支出八成以上用于民生。", ("财政支出", "", 8, "成", "以上")),
        ("驻市高校千余名博士教师参与。", ("博士教师", "人数", 1000, "名", "余")),
        ("新增学位两万个。", ("新增学位", "", 2, "万个", "")),
        ("外地游客占比超过2/3。", ("外地游客占比", "占比", 0.6667, "", "超过")),
        ("环境空气质量综合指数为4.04。", ("环境空气质量综合指数", "", 4.04, "", "")),
        ("全市投资完成1,069亿元。", ("投资", "", 1069, "亿元", "")),
        ("单位地区生产总值能耗下降3%。", ("单位地区生产总值能耗", "下降", 3, "%", "")),
        ("居民消费价格涨幅3%左右。", ("居民消费价格", "涨幅", 3, "%", "左右")),
        ("赤字率拟按3%安排。", ("赤字率", "率", 3, "%", "")),
        ("拟安排地方政府专项债券3.9万亿元。", ("地方政府专项债券", "", 3.9, "万亿元", "")),
        ("新能源装机达到14GW。", ("新能源装机", "", 14, "GW", "")),
        ("新建改建农村公路三百二十公里。", ("新建改建农村公路", "", 320, "公里", "")),
        ("完成造林绿化十二万亩。", ("完成造林绿化", "", 12, "万亩", "")),
        ("细颗粒物平均浓度下降到３３微克／立方米。", ("细颗粒物平均浓度", "浓度", 33, "微克/立方米", "")),
        ("外贸进出口总额保持稳定增长。", ("外贸进出口总额", "增长", None, "", "保持稳定增长")),
        ("规模以上工业增加值仅增长2.1%。", ("规模以上工业增加值", "增长", 2.1, "%", "")),
    ],
)
def test_figures_as_written(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024年是攻坚克难的一年。",
        "成功举办第十六届省运会。",
        "坚持和落实“两个毫不动摇”，深化改革。",
        "严格执行中央八项规定精神。",
        "实施“三北”工程。",
        "全面优化营商环境3.0改革。",
        "建成5G基站。",
        "入选全国第二批试点城市。",
        "重点做好以下8方面工作：",
        "寿阳七元矿井联合试运转。",
        "建设汽车零部件产业园区。",
        "信访工作保持在全省第一方阵。",
        "一批改革走在全国全省前列。",
        "20万人以上的县特殊教育学校全覆盖。",
        "500万吨智能化矿井联合试运转。",
        "每千米路段设置驿站。",
        "七元宵节前完成。",
    ],
)
def test_not_quantities(text):
    assert find_records(text) == []


def test_normalize_keeps_offsets():
    text = "增长 ５．５％, 达到1,069亿元"
    norm, index = normalize(text)
    assert norm == "增长5.5%，达到1,069亿元"
    assert [text[i] for i in index] == [c for c in text if not c.isspace()]


def test_chinese_numerals():
    assert [chinese_number(t) for t in ("十二", "两", "一千二百", "二十", "三万", "千", "一百零五")] == [
        12,
        2,
        1200,
        20,
        30000,
        1000,
        105,
    ]
    assert chinese_number("万人") is None or chinese_number("万人") is not None  # not a crash
    assert parse_number("1,069") == 1069 and parse_number("3.50") == 3.5 and parse_number("1/6") == 0.1667


def test_quoted_numbers_are_names():
    assert find_quantities(normalize("“13710”督办平台事项办结率95%")[0])[0].value == 95


def test_a_value_as_a_person_types_it_in_a_correction():
    from reader.indicators.model import figure, show_value
    from reader.indicators.numbers import parse_value

    cases = {
        "5": 5,
        "5.5": 5.5,
        "５.５": 5.5,
        "1,069": 1069,
        "两万": 20000,
        "5%": 5,
        "-0.5": -0.5,
        "4.5-5": [4.5, 5],
        "4.5—5": [4.5, 5],
        "4.5至5": [4.5, 5],
        "[4.5, 5]": [4.5, 5],
        "": None,
        "  ": None,
    }
    for text, value in cases.items():
        assert parse_value(text) == value, text
    for bad in ("about five", "6-5", "5-"):
        with pytest.raises(ValueError):
            parse_value(bad)
    assert show_value([4.5, 5]) == "4.5–5" and show_value(None) == ""
    assert figure(5, "%", "左右") == "5%左右" and figure(8, "%", "力争…以上") == "力争8%以上"
    assert figure(None, "", "基本同步") == "基本同步" and figure(3.2, "万人", "") == "3.2万人"


def test_a_clause_without_its_own_subject_speaks_of_the_indicator_before_it():
    found = find_records("一般公共预算收入完成138.6亿元，同口径增长5.7%。新增高新技术企业1200家，总数达到6800家。")
    assert [(r.indicator, r.value) for r in found] == [
        ("一般公共预算收入", 138.6),
        ("一般公共预算收入", 5.7),
        ("新增高新技术企业", 1200),
        ("新增高新技术企业", 6800),
    ]


def test_a_subjectless_respectively_clause_goes_to_the_indicators_before_it_in_order():
    found = find_records("城镇居民人均可支配收入34562元，农村居民人均可支配收入15120元，分别增长7.9%和8.6%。")
    assert [(r.indicator, r.value) for r in found] == [
        ("城镇居民人均可支配收入", 34562),
        ("农村居民人均可支配收入", 15120),
        ("城镇居民人均可支配收入", 7.9),
        ("农村居民人均可支配收入", 8.6),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "较好完成了市十七届人大一次会议确定的主要目标任务。",
        "较好完成了县十八届人大四次会议确定的目标任务。",
        "市委七届六次全会暨市委经济工作会议对今年工作作了全面部署。",
        "落实省委十二届七次全体会议精神。",
        "深入学习贯彻党的二十届三中全会精神。",
    ],
)
def test_a_session_of_a_congress_or_plenum_is_a_name_not_a_count(text):
    """十七届人大一次会议 is the first session of the 17th congress, not one meeting (found on the
    corpus and a typeset PDF: "会议确定 1次" and false headline targets)."""
    assert find_records(text) == []


def test_meetings_counted_after_their_noun_are_still_counts():
    (r,) = find_records("全年召开政府常务会议12次。")
    assert (r.indicator, r.value, r.unit) == ("召开政府常务会议", 12, "次")
