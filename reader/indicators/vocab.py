"""The words the extraction knows, in one place, each with the reason it is there.

Everything here is the general vocabulary of how Chinese government work reports state a quantity:
units and measure words, the hedges before and after a number, the verbs that carry a change, the
scope words that open a clause, and the fixed comparisons that stand for a number (与经济增长同步).
Nothing is taken from the wording of a particular report.
"""

from __future__ import annotations

import re

# --- units ------------------------------------------------------------------------------------------
MULTIPLIERS = ("万亿", "千万", "百万", "十万", "万", "亿", "千", "百")
"""Written before a unit (3.2万人, 1.3万亿斤). A multiplier alone is a unit too (近20万游客)."""

PERCENT_UNITS = ("个百分点", "百分点", "千分点", "%", "‰")
"""Rates and their changes. `％` is read as `%` (the normalised text has only the half-width sign)."""

MEASURE_UNITS = (
    "微克/立方米",
    "毫克/立方米",
    "吨标准煤",
    "吨标煤",
    "平方公里",
    "平方米",
    "立方米",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "公里",
    "千米",
    "公顷",
    "公斤",
    "千克",
    "美元",
    "标箱",
    "小时",
    "分钟",
    "元",
    "亩",
    "吨",
    "斤",
    "米",
    "瓦",
    "度",
    "天",
    "周",
    "岁",
    "倍",
    "成",
    "GW",
    "MW",
    "kW",
    "km",
    "TEU",
)
"""Units that measure (money, area, weight, length, energy, time, ratios). A measure before a noun is
an attribute (500万吨智能化矿井, 80岁以上老年人), never a count of that noun."""

CN_MEASURES = ("成", "倍", "天")
"""Measures a one-character Chinese numeral carries on its own (八成, 两倍, 三天); with the other
measures only a written-out number is read (三百二十公里, 十二万亩; not 七元, 千米)."""

COUNT_UNITS = (
    "人次",
    "人",
    "名",
    "户",
    "位",
    "个",
    "家",
    "项",
    "件",
    "所",
    "座",
    "条",
    "套",
    "宗",
    "列",
    "辆",
    "台",
    "张",
    "部",
    "场",
    "次",
    "处",
    "间",
    "栋",
    "盏",
    "株",
    "棵",
    "头",
    "只",
    "艘",
    "架",
    "篇",
    "册",
    "份",
    "例",
    "起",
    "批次",
    "床",
    "支",
)
"""Measure words that count (5户企业, 新增就业3.2万人). Deliberately absent: 年 月 日 (dates and
durations: 三年行动), 届 期 批 号 级 (ordinals, grades and names: 第六届, 二甲, 5A级), 大 (三大主题)."""

PEOPLE_UNITS = ("人次", "人", "名")
"""A count of people: the measure is 人数 (城镇新增就业3.2万人)."""

# --- hedges -----------------------------------------------------------------------------------------
POST_QUALIFIERS = ("左右", "以上", "以内", "以下", "之内", "上下", "不到")
"""Hedges written after the number (增长5%左右)."""

ROUGH = ("余", "多")
"""Written between the number and its unit (260余名, 4万多盏): 'more than', kept as the qualifier."""

PRE_QUALIFIERS = ("不低于", "不少于", "不超过", "不高于", "超过", "突破", "低于", "高于", "近", "约", "逾", "超")
"""Hedges written right before the number (突破4.5亿件, 近10万人次)."""

INTENT_HEDGES = ("力争", "确保", "争取")
INTENT_HEDGE = re.compile(r"力争|确保|争取(?=增长|达到|突破|实现|完成|超过|提高|\d)")
"""Hedges anywhere before the number in the clause (力争增长8%以上): joined with a post-hedge as
`力争…以上`. 争取 is a hedge only before a figure (争取增长6%); before a noun it is the verb 'obtain'
(争取资金14.6亿元)."""

COMPARE_BEFORE_NUMBER = re.compile(
    r"(?:高于|低于|快于|慢于|高出|超出|超过|领先)[^\d，。；、：%]{1,14}$"
    r"|比(?!上年|去年|上一年|年初|同期)[^\d，。；、：%比]{1,12}(?<![提降])(?:高出|高|低|快|慢)$"
)
"""A comparison written before the number it measures (高于GDP增长5.9个百分点, 增速比全省高0.4个百分点):
the qualifier. Not a change from last year (比上年提高0.8个百分点: the measure)."""

# --- verbs and words around the number ----------------------------------------------------------------
CHANGE_MEASURES = (
    "年均增长",
    "增长",
    "增速",
    "增幅",
    "上涨",
    "涨幅",
    "上升",
    "提高",
    "提升",
    "增加",
    "下降",
    "降低",
    "降幅",
    "减少",
    "回落",
    "压减",
)
"""Verbs and nouns of change: the record's measure, written between the indicator and the number."""

LEVEL_VERBS = (
    "累计完成",
    "控制在",
    "稳定在",
    "保持在",
    "维持在",
    "提升至",
    "提高到",
    "提高至",
    "增长至",
    "增长到",
    "增加到",
    "增加至",
    "上升到",
    "上升至",
    "下降到",
    "下降至",
    "降低到",
    "降低至",
    "减少到",
    "减少至",
    "回落到",
    "回落至",
    "增至",
    "降至",
    "升至",
    "达到",
    "完成",
    "实现",
    "突破",
    "达",
    "为",
    "是",
    "至",
)
"""Verbs that state a level (完成30.6亿元): cut from the end of the indicator, not a measure."""

GLUE_BEFORE_NUMBER = (
    "同比",
    "比上年",
    "较上年",
    "较年初",
    "较去年",
    "分别",
    "均",
    "全年",
    "累计",
    "共",
    "总计",
    "合计",
    "平均",
    "首次",
    "年均",
    "同口径",
    "可比口径",
    "仅",
)
"""Comparison bases and adverbs between the indicator and the number; cut from the indicator (a clause
left with none of its own, 同口径增长5.7%, speaks of the indicator before it)."""

SCOPE_PREFIX = re.compile(
    r"^(?:其中|同时|此外|全年|今年|明年|去年|上年|一年来|过去一年|\d{4}年|全市|全省|全国|全区|全县|全州|全盟"
    r"|我市|我省|我区|我县|市本级|省本级|力争|确保|争取|预计|计划|拟安排|拟|共|累计|年内|年均|连续(?:\d+|多)年)+"
)
"""Scope and hedge words that open a clause and are not part of the indicator's name."""

AFTER_NOUN_STOP = re.compile(
    r"获评|获批|入选|入围|进入|上榜|达到|实现|建成|完成|全部|全面|均|成功|提前|加快|扎实|持续|一律|依法|注册|落户"
    r"|通过|开工|集中|签约|建立|保障|纳入|列入|参与|带动|覆盖|入驻|走进|正式|顺利|累计|连续|发放|开展|实施|推进"
    r"|取得|获得|送上|提供|举办|启动|成效|为|被|与|在|的|(?<![一二三四五六七八九十])等|之间"
)
"""Where the noun counted by a number ends (12家博士工作站|获评…): verbs and particles that follow it."""

VERB_AFTER_NUMBER = re.compile(
    r"^(?:用于|全部|均|的|同比|比上年|较|占|左右|以上|以内|以下|增长|下降|(?:和|及|与)(?=\d))"
)
"""A number followed by these is the predicate of what came before it, not a count of what follows
(and 和 before another number joins a list of values: 分别为5230亿元和4180亿元)."""

PLAN_SHARE = re.compile(r"^(?P<q>(?:完成|达到|为|占)(?:全年|年度|年初)?(?:目标|计划|预算|任务)(?:任务)?)的?$")
"""The words before a share of the year's plan (完成年度目标的105.8%, 为年度计划的112%): the figure is the
previous indicator's, these words (without 的) its qualifier, its measure 完成率."""

SHARED_HEADS = (
    "人均可支配收入",
    "人均消费支出",
    "可支配收入",
    "消费支出",
    "增加值",
    "零售额",
    "进出口",
    "收入",
    "支出",
    "余额",
    "总额",
    "产量",
    "产值",
    "投资",
    "比重",
)
"""Head nouns a list writes once after its last item (城镇居民、农村居民人均可支配收入; 工业、服务业增加值):
with `分别` the head belongs to every item."""

TABLE_SIGNS = {"≥": "不低于", "≤": "不高于", ">": "超过", "＞": "超过", "<": "低于", "＜": "低于"}
"""Signs a targets table writes before a value (森林覆盖率 % ≥45.5): the hedge each stands for."""

LIST_MARK = re.compile(r"^(?:——|—|－|-|·|•|●|○|■|□|▲|◆|[①-⑳])+")
"""Marks that open an item of a list, one item a line (——地区生产总值增长5%左右；): not part of its name."""

BARE_MEASURE_SUBJECT = re.compile(r"^(?:增速|增幅|增长|总量|总数|规模|数量|比重|占比|排名|位次|均)$")
"""A clause whose subject is only one of these speaks of the previous clause's indicator
(…增长7.4%，增速位列全省第二)."""

GENERIC_INDICATOR = re.compile(r"^(?:各项|主要|有关|相关|其他)?(?:约束性)?(?:指标|目标)(?:任务)?$")
"""Collective names that point at no one indicator (各项约束性指标完成省下达任务)."""

# --- comparisons that stand for a number ----------------------------------------------------------------
SYNC = re.compile(r"(?:与|和|同)(?:(?!与|和)[^，；。、]){0,12}?(?:保持)?(?P<q>(?:基本|大体|总体)?同步)")
"""收入增长与经济增长(基本)同步: the qualifier is the adverb and 同步."""

HIGHER_THAN = re.compile(
    r"(?P<q>(?:略|明显)?(?:高于|快于|不低于|超过)(?:经济增长|经济发展|地区生产总值增长|国内生产总值增长|GDP增长|GDP增速"
    r"|全省平均|全国平均|城镇居民)(?:的)?(?:水平|速度|增速|幅度)?)"
)
"""收入高于经济增长水平: the whole comparison is the qualifier."""

POSITIVE_GROWTH = re.compile(
    r"(?P<q>(?:力争|确保|争取)?(?:(?:保持|实现)?正增长|(?:保持|实现)?(?:平稳|稳定|稳步|较快|快速|中高速|合理)增长))"
)
"""进出口总额力争保持正增长, 外贸进出口总额保持稳定增长: a growth without a number."""
NOT_A_SUBJECT = re.compile(r"^在.+(?:中|之中|里)|(?:唯一|率先|首个|第一个)$")
"""Words before a comparison that frame a boast, not name an indicator (在全球主要经济体中唯一实现正增长)."""
TASK = re.compile(
    r"(?P<q>(?:确保|力争)?完成(?:国家|省|市|上级)(?:和|及|、)?(?:省|市)?(?:下达|确定)(?:的)?(?:目标)?任务)"
)
"""能耗降低完成国家下达任务 (not 完成…约束性指标任务: no one indicator)."""
BALANCE = re.compile(r"(?P<q>(?:保持)?基本平衡)")
COMPARISONS = ((SYNC, "增长"), (HIGHER_THAN, "增长"), (POSITIVE_GROWTH, "增长"), (TASK, ""), (BALANCE, ""))
"""Comparisons that stand for a number, with the measure they imply."""
COMPARISON_WORDS = re.compile(r"同步|高于|快于|不低于|超过|正增长|(?:平稳|稳定|稳步|较快|快速|高速|合理)增长|任务|平衡")
"""One of these is in every comparison above: a clause without any is not searched further."""

# --- ranks ------------------------------------------------------------------------------------------------
_CN_DIGITS = "一二三四五六七八九十"
RANK = re.compile(
    r"((?:连续(?:\d+|[" + _CN_DIGITS + r"两]+)年)?(?:继续|持续|稳|均|始终)?"
    r"(?:保持|位列|位居|排名|排|居于|居|稳居|跃升至|跃居|升至|进入|获评)?"
    r"(?:全国|全省|全市|全区|中部地区|西部地区|东部地区|同类城市|地级市)(?:排名|排|位列|位居|居)?"
    r"(?:第(?:\d+|["
    + _CN_DIGITS
    + r"]+)(?:位|名)?(?:和第?(?:\d+|["
    + _CN_DIGITS
    + r"]+)(?:位|名)?)?(?!方阵|批|届|次|个)"
    r"|首位|前列|前(?:\d+|[" + _CN_DIGITS + r"]+)(?:位|名)))"
)
"""A rank (全省排名第二, 继续保持全省第一, 连续4年居全省首位): a record whose qualifier is the phrase.
第一方阵 (a tier) and 第二批 (a batch) are not ranks."""

RANK_IDIOM = re.compile(r"(?:走在|走到|处于|迈入|跻身)(?:全国|全省|全市)?$")
"""走在全国全省前列 is praise, not a rank."""

# --- where a sentence stands ---------------------------------------------------------------------------
HEADLINE_MARKER = re.compile(
    r"(?:主要预期目标|主要发展目标|主要目标|预期目标|发展目标)"
    r"(?:(?:是|为|(?:初步)?(?:确定|建议|拟定|安排|设定|设置|考虑)为|(?:安排)?如下)[：:]?|[：:])"
)
"""Opens the report's main targets paragraph (今年经济社会发展主要预期目标是：…; 建议为, 确定为 and 如下 where the
report goes to the congress before the plan is approved; or the colon alone, 主要预期目标：…)."""
LONG_TERM = re.compile(r"今后|未来|五年|十四五|十五五|远景|中长期|一个时期")
"""Before the marker, these make it the goals of a plan period (今后五年的主要目标是：), not of the
report's year: not the headline, and its figures are for no single year."""
HEADLINE_END = re.compile(
    r"^(?:提出上述|上述|这些目标|这一目标|综合考虑|主要考虑|考虑到|重点做好|为实现|实现上述|做好今年)"
)
"""A sentence of the targets paragraph that explains the targets instead of listing them."""

FUTURE_WORDS = re.compile(r"力争|今年|明年|计划|预计到|到20\d\d年|目标")
PAST_START = re.compile(r"^(?:去年|过去一年|上一年|一年来|20\d\d年，)")
