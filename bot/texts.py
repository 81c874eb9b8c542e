"""Every Chinese string that people see, in one place."""

from __future__ import annotations

KIND_NAMES = {
    "temperature": "体温上报",
    "repair": "报修",
    "illness": "疾病",
    "supplies": "代办代购",
    "dispute": "邻里纠纷",
    "hazard": "安全隐患",
    "sanitation": "环境卫生",
    "agriculture": "农业生产",
    "policy": "政策咨询",
    "help": "求助帮扶",
    "chat": "闲聊（不立单）",
}

EXPLAIN_ORIGINAL = "原文"
EXPLAIN_NORMALIZED = "规范化"
EXPLAIN_TRUNCATED = "（消息过长，只分析前 {chars} 字）"
EXPLAIN_MARKUP = "已剥离"
EXPLAIN_TOKENS = "分词"
EXPLAIN_CUES = "语境线索"
EXPLAIN_NO_CUES = "无"
EXPLAIN_RULES = "命中规则"
EXPLAIN_NO_RULES = "（没有规则命中）"
EXPLAIN_CANCELLED = "被线索取消：{cues}"
EXPLAIN_REPEATED = "（同一词已计分，不重复加分）"
EXPLAIN_READINGS = "体温读数"
EXPLAIN_READINGS_DROPPED = "（另有诉求，读数不记）"
EXPLAIN_NOBODY = "（未写姓名）"
EXPLAIN_SCORES = "各类得分"
EXPLAIN_THRESHOLD = "立单门槛 {threshold:g}"
EXPLAIN_RESULT = "结论"
EXPLAIN_URGENT = "紧急"
EXPLAIN_NOT_URGENT = "不紧急"
EXPLAIN_FEVER = "有发烧（≥{fever:g}℃）"
EXPLAIN_WHY = "原因"
EXPLAIN_SLOTS = "要素"
EXPLAIN_ADDRESS = "地址"
EXPLAIN_PERSON = "当事人"
EXPLAIN_PHONE = "电话"
EXPLAIN_MENTIONS = "@提到"
EXPLAIN_QUOTED = "引用"
EXPLAIN_REPLY_TO = "回复"
EXPLAIN_EMOJI = "表情"
EXPLAIN_CARD = "分享卡片"
WHY_TICKET = "{kind}得分 {score:g}，达到立单门槛 {threshold:g}"
WHY_AHEAD_OF = "，高于{kind}（{score:g}）"
WHY_TEMPERATURE = "体温上报得分 {score:g}，没有更需要处理的诉求"
WHY_CHAT_CANCELLED = "命中的规则都被语境线索取消了（{cues}）"
WHY_CHAT_OUTSCORED = "闲聊规则得分 {score:g}，不低于任何诉求"
WHY_CHAT_BELOW = "诉求最高只得 {score:g} 分，没到立单门槛 {threshold:g}"
WHY_CHAT_NOTHING = "没有命中任何诉求规则"
