"""Bring a raw WeChat message into one canonical form while keeping the sender's own characters."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

import ahocorasick
import opencc

from nlp.markup import Markup, strip_markup

# Longer messages are parsed on their first MAX_PARSE_CHARS characters; the original is kept whole.
MAX_PARSE_CHARS = 2000

# Control and format characters (zero-width spaces, BOM, bidi marks) are noise in chat text.
_NOISE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\ufffd]"
)
_SPACES = re.compile(r"\s+")
# Emoji and pictographs (with their variation selectors and joiners), private-use and surrogates.
_PICTOGRAPHS = re.compile(
    "[\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff\ufe0e\ufe0f\u200d"
    "\ue000-\uf8ff\ud800-\udfff\U0001f000-\U0001faff\U000e0000-\U000e007f]"
)

# Cantonese (and Wu 勿) function words with one-character Mandarin equivalents.
_DIALECT_CHARS = {
    "冇": "没",
    "唔": "不",
    "咗": "了",
    "嘅": "的",
    "喺": "在",
    "嚟": "来",
    "睇": "看",
    "佢": "他",
    "嗰": "那",
    "啲": "些",
    "揾": "找",  # OpenCC has already turned 搵 into 揾
    "攞": "拿",
    "咁": "这",
    "乜": "什",
    "勿": "不",  # Wu (讲勿清爽) as well as written Mandarin (请勿) negates with 勿
    "弗": "不",  # Wu: 血流弗停, 叫弗应
    # Min (Minnan, Chaoshan) and Wu pronouns.
    "阮": "我",
    "伊": "他",
    "汝": "你",
    "侬": "你",
    "俾": "给",  # Cantonese: 俾台风吹冧咗, 俾钱
    "畀": "给",
    "冧": "倒",
    "嘈": "吵",
    "咩": "啥",  # what (关我咩事, 要咩条件)
    "哋": "们",  # 我哋 = 我们
    "嫑": "别",  # Northwest: 嫑 = 不要
    "咥": "吃",
    "甭": "别",  # Beijing: 甭 = 不用
    "搁": "放",
    "佮": "和",  # Minnan: and
    "毋": "不",
    "袂": "不",  # Minnan: cannot (看袂着, 袂记得)
    "伲": "我",  # Wu (Suzhou, Wuxi): 伲 = 我, 我们
    "覅": "别",  # Wu: 覅 = 不要
    "哒": "了",  # Xiang and Hubei: 到账哒, 好哒
}
# Dialect words with Mandarin equivalents of the same length, so offsets still line up.
_DIALECT_WORDS = {
    "阿拉": "我们",
    "落雨": "下雨",
    # Wu: 辰光 (time), 哪能 (how), 寻到 (found), 小囡 (child), 今朝 (today)
    "辰光": "时候",
    "哪能": "怎么",
    "寻到": "找到",
    "小囡": "小孩",
    "今朝": "今天",
    "昨暝": "昨晚",
    "食饭": "吃饭",
    "寻不": "找不",
    # Cantonese words (after OpenCC: 係 is 系 by now, 講 讲).
    "系唔系": "是不是",
    "唔系": "不是",
    "定系": "还是",
    "就系": "就是",
    "听日": "明天",
    "琴日": "昨天",
    "到啰": "到了",
    "好啰": "好了",
    "也系": "也是",
    "讲唔到嘢": "说不出话",
    "跌低": "摔倒",
    "跌亲": "摔伤",
    "冲凉": "洗澡",
    "隔篱": "隔壁",
    "老豆": "老爸",
    "而家": "现在",
    "边度": "哪里",
    "识得": "懂得",
    "闹人": "骂人",
    "成日": "整天",
    "打风": "台风",
    "纸皮": "纸板",
    "整好": "修好",
    "又呕又": "又吐又",
    # 晒 after a verb is "all, completely" (满晒, 走晒), never the sun-drying 晒 of Mandarin there.
    "满晒": "满了",
    "走晒": "走光",
    "露晒": "露出",
    "冧晒": "倒光",
    "湿晒": "湿透",
    "烂晒": "烂了",
    "熟晒": "熟了",
    "死晒": "死光",
    "坏晒": "坏了",
    "冇晒": "没了",
    "用晒": "用完",
    # Minnan (Hokkien): 紧来 (come quick), 攏/拢 (all), 犹未 (not yet), 这马 (now), 佗位 (where)
    "紧来": "快来",
    "倒落去": "倒下去",
    "拢无": "都没",
    "拢袂": "都不",
    "无应": "没应",
    "犹未": "还没",
    "犹未转来": "还没回来",
    "未转来": "没回来",
    "这马": "现在",
    "佗位": "哪里",
    "袂使": "不能",
    "会使": "能够",
    "欲请": "要请",
    "欲去": "要去",
    "瓦斯": "煤气",
    # 厝 is a house; alone it stays, or a rule's 厝 would make every 家 a building.
    "阮厝": "我家",
    "伊厝": "他家",
    "咱厝": "咱家",
    "恁厝": "你家",
    "厝里": "家里",
    "厝内": "屋里",
    "规个人": "整个人",
    # Voice-to-text slips that spell a common word with a homophone.
    "拉鸡车": "垃圾车",
    "拉鸡桶": "垃圾桶",
    "拉鸡箱": "垃圾箱",
    "拉鸡站": "垃圾站",
    "拉鸡堆": "垃圾堆",
    "是拉鸡": "是垃圾",
    "拉鸡都": "垃圾都",
    "正长": "正常",
    "税管": "水管",
    # Cantonese words, two characters for two
    "边个": "哪个",
    "边位": "哪位",
    "得闲": "有空",
    "点算": "咋办",
    "点样": "怎样",
    "屋企": "家里",
    "细路": "小孩",
    "雪柜": "冰箱",
    "探热": "测温",
    "返工": "上班",
    "街坊": "邻居",
    "快啲": "快点",
    "乜嘢": "什么",
    "点补办": "咋补办",
    "点办": "咋办",
    "点整": "咋整",
    "系咪": "是否",
    "唔该晒": "多谢晒",  # thanks a lot
    "唔该": "麻烦",  # please (also thanks, but a request follows it)
    # Southwestern Mandarin (Sichuan, Chongqing, Guizhou)
    "屋头": "家里",
    "我屋头": "我家里",
    "你屋头": "你家里",
    "他屋头": "他家里",
    "我屋": "我家",
    "你屋": "你家",
    "他屋": "他家",
    "她屋": "她家",
    "莫得": "没有",
    "没得": "没有",  # 有没得 = 有没有; 没得事 = 没有事
    "啥子": "什么",
    "咋个": "怎么",
    "晓得": "知道",
    "一哈": "一下",
    "娃儿": "孩子",
    "孙孙": "孙子",
    "老汉儿": "老父亲",  # father, not an old man
    "搞快点": "快一点",
    "冇得": "没有",  # Cantonese 冇 with the Southwestern 得
    # 遭 is the passive 被 (遭水淹了, 遭蛇咬了, 遭冲走了) except in these words, and in 遭了
    # (oh no; or suffered: 遭了火灾)
    "遭": "被",
    "遭了": "遭了",
    "遭受": "遭受",
    "遭殃": "遭殃",
    "遭罪": "遭罪",
    "遭灾": "遭灾",
    "遭遇": "遭遇",
    "周遭": "周遭",
    # Yunnan and Guizhou
    "哪样": "什么",
    "得空": "有空",
    "卡起": "卡住",
    # Jianghuai (Anhui, northern Jiangsu): 么事 (what), 没家来 (not home yet)
    "么事": "什么",
    "么时": "啥时",
    "什么事": "什么事",  # Mandarin, kept
    "什么时": "什么时",
    "怎么时": "怎么时",
    "没家来": "没回来",
    # Hainanese and Leizhou: 无 for 没, 么个 for 什么, 细囝 for a child
    "有无": "有没",
    "都无": "都没",
    "都无异常": "都无异常",  # a report's own words, kept
    "就无了": "就没了",
    "无回来": "没回来",
    "无开门": "没开门",
    "无带": "没带",
    "无人收": "没人收",
    "无清了": "没清了",
    "好几天无": "好几天没",
    "么个": "什么",
    "细囝": "孩子",
    # Hubei (Wuhan): 么样 (how), 港 for 讲 in 港一句, 克 for 去 in these phrases only (克 is a gram)
    "么样": "怎么",
    "怎么样": "怎么样",  # Mandarin, kept
    "什么样": "什么样",
    "这么样": "这么样",
    "那么样": "那么样",
    "港一句": "讲一句",
    "克拍": "去拍",
    "里克了": "里去了",
    "克卫生院": "去卫生院",
    "克医院": "去医院",
    "克缝针": "去缝针",
    "克镇上": "去镇上",
    "克县里": "去县里",
    "谷克了": "谷去了",
    "港一声": "说一声",
    "港他": "说他",
    "港她": "说她",
    "港暂时": "说暂时",
    "嗲嗲": "爷爷",
    # Minnan (southern Fujian), beyond 阮, 伊, 汝
    "阮兜": "我家",
    "汝兜": "你家",
    "伊兜": "他家",
    "返来": "回来",
    "昨暗": "昨晚",
    "暗时": "晚上",
    "囝仔": "孩子",
    "厝边": "邻居",
    "厝顶": "屋顶",
    "起厝": "盖房",
    "搬厝": "搬家",
    "食了": "吃了",
    "食烟": "抽烟",
    "食不下": "吃不下",
    "歹势": "抱歉",
    "电火": "电灯",
    "电火花": "电火花",
    "少年家": "年轻人",
    "无要紧": "不要紧",
    "无代志": "没有事",
    "无闻到": "没闻到",
    "无人": "没人",
    "无人机": "无人机",
    "行不到": "走不到",
    "入不去": "进不去",
    "毋通": "不要",
    "拢是": "都是",
    "拢正常": "都正常",
    # Gan and Xiang (Jiangxi, Hunan)
    "么子": "什么",
    "恰饭": "吃饭",
    "恰的": "吃的",
    "何解": "为啥",
    "嗯妈": "我妈",
    "咯么": "这么",
    # Northwest (Shaanxi, Gansu, Ningxia): 额 is "I" before these words (额头, 额度, 金额 keep it)
    "额家": "我家",
    "额们": "我们",
    "额老汉": "我老汉",
    "额娘": "我娘",
    "额妈": "我妈",
    "额爸": "我爸",
    "额爹": "我爹",
    "额姑": "我姑",
    "额兄弟": "我兄弟",
    "额想": "我想",
    "额也": "我也",
    "额在": "我在",
    "额就": "我就",
    "额还": "我还",
    "额再": "我再",
    "额对门": "我对门",
    "额是": "我是",
    "是额": "是我",
    "兀个": "那个",
    "兀搭": "那里",
    "麻达": "问题",
    "晌午": "中午",
    "洋芋": "土豆",
    # Beijing and the north: 昨儿/今儿/明儿 (yesterday, today, tomorrow)
    "昨儿": "昨天",
    "今儿": "今天",
    "明儿": "明天",
    "今儿个": "今儿个",  # kept: 今天个 would be no word
    "昨儿个": "昨儿个",
    # Shandong and Hebei: 夜来 for yesterday; Guanzhong (Shaanxi): 夜个
    "夜个": "昨天",
    "夜来": "昨天",
    "夜来香": "夜来香",  # a flower
    # Northeast: 嘎哈 (what are you doing), 嘎查 (a village, from Mongolian)
    "嘎哈": "干啥",
    "嘎查": "村里",
    # Jin (Shanxi): 甚 for 什么/啥, 年时 for last year
    "甚": "啥",
    "甚至": "甚至",
    "甚么": "什么",
    "年时": "去年",
    # Speech-input homophones that old people's dictated messages are full of
    "发少": "发烧",
    "头发少": "头发少",
    "书急": "书记",
    "网格园": "网格员",
    "股没气": "股煤气",
    "没气罐": "煤气罐",
    "没气灶": "煤气灶",
    "地保": "低保",
    "停店": "停电",
    "村姨": "村医",
    "题温": "体温",
    # 莫 as "don't", in the phrases where it cannot be the surname
    "莫急": "别急",
    "莫慌": "别慌",
    "莫怕": "别怕",
    "莫担心": "别担心",
    "莫紧张": "别紧张",
    "莫着急": "别着急",
    "莫乱": "别乱",
    "莫再": "别再",
    "莫要": "不要",
}
_DIALECT_MAP = str.maketrans(_DIALECT_CHARS)
_DIALECT_WORD = re.compile("|".join(sorted(_DIALECT_WORDS, key=len, reverse=True)))


def _dialect_finder() -> ahocorasick.Automaton:
    # Most messages hold no dialect word at all; one Aho-Corasick pass says so in half the time
    # a regular expression with a hundred alternatives takes. The words kept as they are
    # (怎么样, 什么事, 无人机) only guard Mandarin from a mapping: alone they need no pass.
    automaton = ahocorasick.Automaton()
    changed = (word for word, mandarin in _DIALECT_WORDS.items() if word != mandarin)
    for word in (*_DIALECT_CHARS, *changed):
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


_DIALECT = _dialect_finder()
_ZHE = re.compile(r"(?<![显卓昭土])著(?![名作称述者录])")

# Full-width ASCII and the ideographic space map to their half-width forms, one char for one.
# (A regular expression finds the few wide characters of a message faster than str.translate
# looks up every character.)
_HALF_WIDTH = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_WIDE = re.compile("[\uff01-\uff5e\u3000]")


class Normalized(NamedTuple):
    """A message ready for parsing.

    `text` is canonical (half-width, simplified, lower-case ASCII) and has exactly the length of
    `written`, the sender's own characters after markup was removed, so any span found in `text`
    can be copied from `written` as the sender wrote it.
    """

    original: str
    written: str
    text: str
    markup: Markup
    truncated: bool = False


Converter = Callable[[str], str]

# Every code point OpenCC might map: CJK, compatibility ideographs, half/full-width forms, ext. B+.
_CONVERTIBLE_RANGES = ((0x3000, 0xA000), (0xF900, 0xFB00), (0xFF00, 0x10000), (0x20000, 0x2FA20))


class Simplifier:
    """OpenCC's traditional-to-simplified conversion, skipped for the many messages that hold no
    character it changes (about 30 ms at start to learn which characters those are)."""

    def __init__(self) -> None:
        self._convert: Converter = opencc.OpenCC("t2s").convert
        self._changed = _changed_by_opencc()

    def __call__(self, text: str) -> str:
        if self._changed is not None and self._changed.isdisjoint(text):
            return text
        return self._convert(text)


@cache
def _changed_by_opencc() -> frozenset[str] | None:
    """The characters t2s changes, learnt once per process; None when that cannot be told."""
    convert = opencc.OpenCC("t2s").convert
    chars = [chr(code) for low, high in _CONVERTIBLE_RANGES for code in range(low, high)]
    converted = convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return None  # a conversion merged or split lines: convert every message
    return frozenset(c for c, out in zip(chars, converted, strict=True) if c != out)


def normalize(raw: str, to_simplified: Converter) -> Normalized:
    """Strip WeChat markup and noise, then canonicalise width, script and case."""
    truncated = len(raw) > MAX_PARSE_CHARS
    head = raw[:MAX_PARSE_CHARS] if truncated else raw
    # Every noise character but U+FFFD, and all whitespace but the ASCII space, is unprintable:
    # a printable message (most are) needs neither substitution.
    printable = head.isprintable()
    if not printable or "\ufffd" in head:
        head = _NOISE.sub(" ", head)
    markup = strip_markup(head)
    written = _drop_symbols(markup.body)
    if not printable or "  " in written:
        written = _SPACES.sub(" ", written)
    written = written.strip()
    text = _canonical(written, to_simplified)
    return Normalized(raw, written, text, markup, truncated)


def _drop_symbols(text: str) -> str:
    """Replace pictographic emoji, dingbats and private-use glyphs with spaces."""
    if text.isascii():
        return text
    return _PICTOGRAPHS.sub(" ", text)


def _canonical(written: str, to_simplified: Converter) -> str:
    half = _WIDE.sub(_half_width, written).lower()
    if half.isascii():
        return half
    simple = to_simplified(half)
    if next(_DIALECT.iter(simple), None) is not None:
        # Cantonese function words have one-character Mandarin equivalents (冇→没, 唔→不, 咗→了),
        # so rules written in Mandarin read Cantonese chat; the sender's own text is kept as written.
        simple = _DIALECT_WORD.sub(lambda m: _DIALECT_WORDS[m.group()], simple)
        simple = simple.translate(_DIALECT_MAP)
    if "著" in simple:
        # OpenCC keeps 著 (it is also simplified, as in 著名); in chat it is nearly always the
        # particle 着 written in traditional script: 拿著 -> 拿着.
        simple = _ZHE.sub("着", simple)
    if len(simple) == len(half):
        return simple
    # A phrase conversion changed the length: convert char by char to keep spans aligned.
    return "".join(_one_char(to_simplified, ch) for ch in half)


def _half_width(match: re.Match[str]) -> str:
    return _HALF_WIDTH[match.group()]


def _one_char(to_simplified: Converter, ch: str) -> str:
    out = to_simplified(ch)
    return out if len(out) == 1 else ch
