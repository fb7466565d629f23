"""Clauses of a sentence: subjects carried over, counts before nouns, 分别 lists, ranks, comparisons."""

from __future__ import annotations

from reader.indicators.clauses import find_records


def rows(text: str) -> list[tuple]:
    return [(r.indicator, r.value, r.unit, r.qualifier) for r in find_records(text)]


def test_a_clause_without_subject_speaks_of_the_indicator_before():
    assert rows("全市进出口总额完成30.6亿元，增长23.3%，全省排名第四。") == [
        ("进出口总额", 30.6, "亿元", ""),
        ("进出口总额", 23.3, "%", ""),
        ("进出口总额", None, "", "全省排名第四"),
    ]


def test_share_and_comparison_clauses():
    assert rows("全年民生支出387.66亿元，增长3.7%，高于GDP增长5.9个百分点，占一般公共预算支出81.8%。") == [
        ("民生支出", 387.66, "亿元", ""),
        ("民生支出", 3.7, "%", ""),
        ("民生支出", 5.9, "个百分点", "高于GDP增长"),
        ("民生支出", 81.8, "%", ""),
    ]


def test_respectively_spreads_the_list():
    assert rows("带动新能源汽车、家电类零售额分别增长56.4%、13%。") == [
        ("带动新能源汽车", 56.4, "%", ""),
        ("家电类零售额", 13, "%", ""),
    ]
    # one name, two values: both belong to it
    assert rows("存贷款余额分别较年初增长7.4%和12.38%。") == [
        ("存贷款余额", 7.4, "%", ""),
        ("存贷款余额", 12.38, "%", ""),
    ]
    # the unit and the comparison written once for both numbers
    assert rows("城乡居民收入增幅分别高于GDP增速6.3和9.1个百分点。") == [
        ("城乡居民收入", 6.3, "个百分点", "高于GDP增速"),
        ("城乡居民收入", 9.1, "个百分点", "高于GDP增速"),
    ]


def test_counts_before_nouns():
    assert rows("累计引进7所高校、33个创新机构、3个企业创新平台。") == [
        ("高校", 7, "所", ""),
        ("创新机构", 33, "个", ""),
        ("企业创新平台", 3, "个", ""),
    ]
    assert rows("18户企业上榜民营企业百强、连续4年居全省首位。") == [
        ("企业", 18, "户", ""),
        ("企业", None, "", "连续4年居全省首位"),
    ]


def test_a_count_inside_the_name_of_a_figure_is_not_a_record_of_its_own():
    assert rows("累计为5242户企业授信金额110.53亿元。") == [("为5242户企业授信金额", 110.53, "亿元", "")]
    assert rows("3项生态指标继续保持全省第一。") == [("3项生态指标", None, "", "继续保持全省第一")]


def test_baseline_of_a_change():
    assert rows("游客平均停留时间由1.6天增长至2.6天。") == [("游客平均停留时间", 2.6, "天", "")]


def test_comparisons_without_numbers():
    assert rows("城镇居民人均可支配收入增速与经济增长基本同步，农村居民收入高于经济增长水平。") == [
        ("城镇居民人均可支配收入", None, "", "基本同步"),
        ("农村居民收入", None, "", "高于经济增长水平"),
    ]
    assert rows("进出口总额力争保持正增长。") == [("进出口总额", None, "", "力争保持正增长")]
    assert rows("单位地区生产总值能耗降低完成国家下达任务。") == [
        ("单位地区生产总值能耗", None, "", "完成国家下达任务")
    ]
    # a collective name is no indicator
    assert rows("不折不扣完成各项约束性指标任务。") == []
    assert rows("各项约束性指标完成省下达任务。") == []


def test_offsets_point_at_the_clause():
    text = "发放补贴资金3亿元，惠及消费者近10万人次。"
    found = find_records(text)
    assert [text[r.start : r.end] for r in found] == ["发放补贴资金3亿元", "惠及消费者近10万人次"]
    assert [text[r.at] for r in found] == ["3", "近"]
