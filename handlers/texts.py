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
EXPLAIN_OVERRIDDEN = "（被前面的线索压下：{cues}）"
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
WHY_GATED = "规则判为{kind}，但聊天判别模型认为是闲聊的把握 {probability:.0%} ≥ {gate:.0%}，不立单"
EXPLAIN_GATE = "闲聊判别"
EXPLAIN_GATE_LINE = "是闲聊的把握 {probability:.0%}（门槛 {gate:.0%}）；影响最大：{features}"

# ---------------------------------------------------------------- the ticket loop
ROLE_NAMES = {
    "secretary": "书记",
    "grid_leader": "网格长",
    "grid_member": "网格员",
    "officer": "信息员",
    "villager": "村民",
}
ROLE_GUEST = "未登记"
TICKET_NEW = "【{kind} #{code}】{who}：{summary}\n请 {assignee} 处理，收到请回“收到 #{code}”。"
TICKET_NEW_URGENT = "【紧急·{kind} #{code}】{who}：{summary}\n请 {assignee} 立即处理，{secretary} 已同步。收到请回“收到 #{code}”。"
PRIVATE_REPORT_TAKEN = "收到，已在“{group}”群里立单并通知负责人，处理进展会在群里告诉您。"
TICKET_UNKNOWN_SENDER = (
    "（{name} 还没绑定住户：信息员核实后可回“绑定 @{name} 住户名”，本人也可发“绑定 住户名”申请。）"
)
BIND_REQUESTED = "{name} 申请绑定住户“{household}”。请 {officer} 核实后回“同意绑定 @{name}”。"
BOUND = "已将 {names} 绑定到住户“{household}”，以后报事会直接交给 {officer}。"
BIND_ALREADY = "您已经绑定在住户“{household}”了。"
BIND_ON_ROSTER = "您在花名册上登记的是“{household}”，如需调整请联系信息员。"
BIND_NOT_FOUND = "没找到住户“{words}”。请按花名册上的写法，例如“绑定 {example}”。"
BIND_HOW = "请写上您家的住户名，例如“绑定 {example}”。"
BIND_WHO = "请 @ 要绑定的人，例如“绑定 @张三 {example}”。"
BIND_IN_GROUP = "请在您所在的网格群里发“绑定 住户名”。"
BIND_NONE_PENDING = "没有待确认的绑定申请。"
BIND_WHICH = "有 {count} 个绑定申请（{names}），请回“同意绑定 @姓名”。"
BIND_NOT_YOURS = "住户“{household}”由 {officer} 负责，请由他/她确认。"
BIND_STAFF = "{name} 是网格工作人员，不用绑定住户。"
URGENT_PRIVATE = "【紧急】{group} #{code}（{kind}）{who}：{summary}\n已通知 {assignee}，请关注。"
ACKED = "#{code} 已由 {name} 接单。"
ACKED_LATE = "#{code} 已由 {name} 接单（已超过确认时限）。"
ASK_WHICH = "您手上有 {count} 张待接工单（{codes}），请回“收到 #编号”。"
RESOLVED = "#{code} 已办结。{reporter} 请回复“满意”或“不满意”，给这次服务打个分。"
RATED_GOOD = "感谢评价！#{code} 已关闭。"
RATED_BAD = "#{code} 已重新打开，请 {assignee} 再跟进处理。"
ASSIST = "#{code} 已请 {secretary} 协办。"
ASSIST_PRIVATE = "【协办】{group} #{code}（{kind}）{who}：{summary}\n{assignee} 请求协办。"
REASSIGNED = "#{code} 已转交 {assignee} 处理，收到请回“收到 #{code}”。"
REMINDER = "{assignee} 提醒：#{code}（{kind}）{minutes} 分钟未确认，请尽快处理并回“收到 #{code}”。"
ESCALATED = "#{code}（{kind}）超时未确认，已上报 {secretary}。"
ESCALATED_PRIVATE = (
    "【超时上报】{group} #{code}（{kind}）{who}：{summary}\n派给 {assignee}，{minutes} 分钟未确认。"
)
OVERDUE = "#{code}（{kind}）已超过 {hours:g} 小时未办结，请 {assignee} 抓紧，{secretary} 已知悉。"
BOT_WAS_OFFLINE = (
    "【网格助手离线提醒】{start} 至 {end}，网格助手离线约 {minutes} 分钟，"
    "这段时间群里的消息可能没有处理到，如有急事没人回应，请到群里看看。"
)
AUTO_CLOSED = "#{code} 未收到评价，已自动关闭。"
FEVER_ALERT = "【发烧提醒】{who}报告：{people}。请 {staff} 跟进了解情况。"
ROUND_MISSING = "{officer} {time} 体温收集：以下住户还没报——{households}。"
ROUND_CARE = "（需上门）"
DIGEST = (
    "【{date} 网格日报】\n新增工单 {new} 张，已办结 {closed} 张，超时 {overdue} 张，上报书记 {escalated} 张。\n"
    "发烧 {fevers} 人{fever_list}。\n今日未报体温住户 {missing} 户{missing_list}。\n{slow}"
)
DIGEST_SLOW = "响应较慢：{names}。"
DIGEST_ALL_FAST = "各信息员响应及时。"

REFUSE_NOT_YOURS = "#{code} 不是派给您的工单，不能{action}。"
REFUSE_NO_TICKET = "没有找到工单 #{code}。"
REFUSE_STATE = "#{code} 当前状态是“{status}”，不能{action}。"
REFUSE_SECRETARY_ONLY = "只有书记或网格长可以转办工单。"
REFUSE_WHO = "转办需要 @ 接手的人，例如：转办 #{code} @李红。"
REFUSE_NOT_STAFF = "这个指令是给网格工作人员用的。"
STATUS_NAMES = {
    "open": "待接单",
    "acknowledged": "处理中",
    "resolved": "待评价",
    "closed": "已关闭",
    "cancelled": "已取消",
}
ACTION_ACK = "接单"
ACTION_RESOLVE = "办结"
ACTION_ASSIST = "申请协办"
ACTION_REASSIGN = "转办"

POINTS_MINE = "您当前积分 {total} 分。{recent}"
POINTS_RECENT = "最近：{entries}"
POINTS_NONE = "您还没有积分记录，按时接单、办结都能加分。"
POINTS_VILLAGER = "积分是网格工作人员的服务积分，村民没有积分哦。"
POINT_REASONS = {
    "ack_on_time": "按时接单",
    "resolved_on_time": "按时办结",
    "satisfied": "群众满意",
    "unsatisfied": "群众不满意",
    "reminder": "超时被提醒",
    "escalation": "超时上报",
    "round_complete": "体温全部收齐",
}
LEADERBOARD = "【积分排行】\n{lines}"
LEADERBOARD_LINE = "{rank}. {name}（{role}）{total} 分"
LEADERBOARD_EMPTY = "本群还没有工作人员积分。"
TICKETS_NONE = "目前没有未办结的工单。"
TICKETS_HEAD = "未办结工单 {count} 张："
TICKETS_LINE = "#{code} {kind}｜{status}｜{assignee}{overdue}"
TICKETS_OVERDUE = "｜已超时"
TICKETS_GROUP = "{group} "
HELP_VILLAGER = (
    "直接在群里说事就行，比如“家里灯不亮了”“3号楼王大爷36.5”。\n办结后请回“满意”或“不满意”。"
)
HELP_STAFF = (
    "可用指令：收到 #编号（接单）｜已办结 #编号｜协办 #编号（请书记协助）｜"
    "工单（我的工单）｜积分｜积分排行｜帮助"
)
HELP_SECRETARY = HELP_STAFF + "｜转办 #编号 @某人"
