"""Throughput of the message parser against bare jieba on generated village chat."""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import jieba
from villagers import GIVEN_NAMES, SURNAMES

from nlp.parser import Parser

Slot = Callable[[random.Random], str]

_KIN = (
    "我",
    "俺",
    "我爸",
    "我妈",
    "爷爷",
    "奶奶",
    "老伴",
    "儿子",
    "闺女",
    "孙子",
    "外孙女",
    "媳妇",
)
_ELDER_SUFFIX = ("大爷", "奶奶", "阿姨", "叔", "婶")
_PLACES = ("村口", "后山", "粮站", "小卖部旁边", "3组麦秸垛", "学校门口", "东头桥下", "文化广场")
_MENTIONED = ("张书记", "王主任", "网格员小李", "村医刘大夫", "所有人")
_REPAIRS = (
    "热水器打不着火",
    "水管漏水",
    "路灯不亮",
    "电梯坏了",
    "下水道堵了",
    "自来水停了",
    "电闸老跳",
    "门禁刷不开",
    "暖气不热",
    "水龙头关不住",
    "楼道灯不亮",
    "窗户玻璃碎了",
)
_GOODS = ("大米", "面粉", "食用油", "降压药", "口罩", "酒精", "鸡蛋", "蔬菜", "煤气罐", "尿不湿")
_UNITS = ("袋", "桶", "盒", "斤", "瓶", "箱")
_CN_DIGITS = "零一二三四五六七八九"
_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
_FIELD = re.compile(r"\{(\w+)\}")

_TEMPERATURE_LINES = ("{addr} {people}", "{people}", "今日体温：{people}", "{addr}{people}，无异常")
_TEMPERATURE_SEPARATORS = ("，", " ", "；", "、")
_REPAIR = (
    "{addr}{repair}，麻烦派人来修一下",
    "{repair}",
    "我家{repair}，谁能来看看",
    "{addr}{repair}[捂脸]",
    "{name}家{repair}好几天了，物业也不管",
)
_ILLNESS = (
    "{person}发烧{temp}，咳嗽，要不要去卫生室",
    "{person}拉肚子一晚上了",
    "{person}血压高，头晕，村医在吗",
    "{person}摔了一跤腿疼走不了路",
    "{addr}{person}胸口疼喘不上气",
)
_SUPPLIES = (
    "{person}腿脚不便，麻烦帮买{num}{unit}{goods}",
    "能不能帮{addr}代买{goods}",
    "{goods}没有了，谁去镇上帮带{num}{unit}",
    "家里{goods}快用完了，超市还开门吗",
)
_DISPUTE = (
    "{name}家的鸡天天跑我家菜地，说了也不听",
    "{addr}楼上天天半夜装修吵得睡不着",
    "{name}占了我家宅基地{num}米，请村委调解",
    "和{name}因为地界吵起来了",
    "邻居{name}把垃圾堆我家门口",
)
_HAZARD = (
    "{addr}楼道里有很浓的煤气味！",
    "{place}着火了，快来人！！",
    "{place}电线冒火花",
    "河堤有裂缝，水快漫上来了",
    "{place}有个孩子掉水里了快来人",
)
_SANITATION = (
    "{place}垃圾好几天没人清了，臭死了",
    "垃圾桶满了",
    "{place}污水横流",
    "公厕太脏了没人打扫",
)
_AGRICULTURE = (
    "麦子叶子发黄是什么病",
    "玉米地里有虫，打什么药",
    "今年化肥补贴什么时候发",
    "{num}亩水稻要灌溉，水泵什么时候开",
    "猪不吃食了，兽医电话多少",
)
_POLICY = (
    "医保今年交多少钱",
    "新农合在哪里交",
    "养老保险6{num}岁能领吗",
    "低保怎么申请",
    "疫苗第{num}针在哪打",
    "返乡要不要报备",
    "高龄补贴怎么领",
)
_HELP = (
    "{person}一个人在家，联系不上，谁能去看看",
    "{person}钥匙锁屋里了",
    "谁家有三轮车借用一下",
    "{name}老人走丢了，穿蓝色外套，见到的请联系",
    "求助：{person}要去县医院，有没有车",
)
_CHAT = (
    "收到",
    "好的",
    "谢谢书记[玫瑰]",
    "收到[强]",
    "辛苦了[抱拳]",
    "👍",
    "好的，马上填",
    "大家注意安全",
    "新鲜土鸡蛋{price}元一盒，需要的私聊",
    "口罩{price}元一盒包邮",
    "今天{hot}度，注意防暑",
    "明天降温到{num}度，多穿衣服",
    "{name}家孙子考上大学了，恭喜恭喜[庆祝]",
    "群里的通知看到了没",
    "晚上广场跳舞吗",
)
# Hand-written traditional-script messages, so the benchmark does not depend on OpenCC.
_TRADITIONAL = (
    "{addr}{kin_t}體溫{temp}",
    "我家熱水器打不著火了，麻煩派人來修",
    "路燈不亮了，晚上走路很危險",
    "樓道裡有煤氣味！",
    "收到，謝謝書記",
    "請問醫保今年交多少錢",
    "垃圾好幾天沒人清理了",
    "{kin_t}發燒{temp}，頭疼",
    "{place}著火了！快來人",
)
_KIN_TRADITIONAL = ("我", "我媽", "我爸", "爺爺", "奶奶", "兒子", "孫女")


def _name(rng: random.Random) -> str:
    """A full Chinese name such as 王建国."""
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def _person(rng: random.Random) -> str:
    """Whoever a villager reports for: a kinship word, a name or a respectful form."""
    pick = rng.random()
    if pick < 0.5:
        return rng.choice(_KIN)
    if pick < 0.8:
        return _name(rng)
    return rng.choice(SURNAMES) + rng.choice(_ELDER_SUFFIX)


def _addr(rng: random.Random) -> str:
    """A flat like 3号楼2单元501 or a village plot like 5组12号."""
    if rng.random() < 0.6:
        flat = f"{rng.randint(1, 6)}0{rng.randint(1, 4)}"
        return f"{rng.randint(1, 18)}号楼{rng.randint(1, 4)}单元{flat}"
    return f"{rng.randint(1, 9)}组{rng.randint(1, 40)}号"


def _chinese_number(value: int) -> str:
    """Chinese numeral for 10..99, e.g. 36 -> 三十六."""
    tens, ones = divmod(value, 10)
    head = ("" if tens == 1 else _CN_DIGITS[tens]) + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


def _temp(rng: random.Random) -> str:
    """A body temperature 35.8-39.5 in one of the ways villagers write it."""
    # Most readings are normal, a few are fevers: skew towards 36.5.
    whole, tenth = divmod(round(rng.triangular(358, 395, 365)), 10)
    style = rng.randrange(6)
    if style == 0:
        return f"{whole}.{tenth}"
    if style == 1:
        return f"{whole}.{tenth}" + rng.choice(("℃", "度"))
    if style == 2:
        return f"{whole}度{tenth}" if tenth else f"{whole}度"
    if style == 3:
        return _chinese_number(whole) + "度" + (_CN_DIGITS[tenth] if tenth else "")
    if style == 4:
        return f"{whole}.{tenth}".translate(_FULL_WIDTH)
    return f"{whole}度"


def _people(rng: random.Random) -> str:
    """One to five people with their temperatures, in one message."""
    count = rng.choices((1, 2, 3, 4, 5), weights=(5, 3, 3, 2, 1))[0]
    sep = rng.choice(_TEMPERATURE_SEPARATORS)
    return sep.join(_person(rng) + _temp(rng) for _ in range(count))


_SLOTS: dict[str, Slot] = {
    "name": _name,
    "person": _person,
    "addr": _addr,
    "temp": _temp,
    "people": _people,
    "place": lambda rng: rng.choice(_PLACES),
    "repair": lambda rng: rng.choice(_REPAIRS),
    "goods": lambda rng: rng.choice(_GOODS),
    "unit": lambda rng: rng.choice(_UNITS),
    "num": lambda rng: str(rng.randint(1, 9)),
    "price": lambda rng: f"{rng.randint(30, 45)}.{rng.choice('05')}",
    "hot": lambda rng: str(rng.randint(33, 40)),
    "kin_t": lambda rng: rng.choice(_KIN_TRADITIONAL),
}

# Template groups and how often each appears in a busy village group.
_MIX: tuple[tuple[tuple[str, ...], int], ...] = (
    (_TEMPERATURE_LINES, 30),
    (_CHAT, 24),
    (_REPAIR, 8),
    (_ILLNESS, 5),
    (_SUPPLIES, 5),
    (_DISPUTE, 4),
    (_HAZARD, 3),
    (_SANITATION, 4),
    (_AGRICULTURE, 4),
    (_POLICY, 4),
    (_HELP, 4),
    (_TRADITIONAL, 5),
)


def _fill(template: str, rng: random.Random) -> str:
    """Replace each {slot} in a template with a fresh random value."""
    return _FIELD.sub(lambda m: _SLOTS[m.group(1)](rng), template)


def generate_messages(count: int, seed: int) -> list[str]:
    """`count` synthetic WeChat group messages, the same for the same seed."""
    rng = random.Random(seed)
    groups = [group for group, _ in _MIX]
    weights = [weight for _, weight in _MIX]
    messages = []
    for _ in range(count):
        text = _fill(rng.choice(rng.choices(groups, weights=weights)[0]), rng)
        if rng.random() < 0.12:
            text = f"@{rng.choice(_MENTIONED)}\u2005{text}"
        messages.append(text)
    return messages


class ParseFailure(Exception):
    """A timed function raised on one message."""

    def __init__(self, text: str) -> None:
        super().__init__(f"raised on {text!r}")
        self.text = text


CHUNK = 500


def _run_once(func: Callable[[str], object], texts: Sequence[str]) -> float:
    """Seconds to apply `func` to every text once."""
    text = ""
    start = time.perf_counter()
    try:
        for text in texts:
            func(text)
    except Exception as exc:
        raise ParseFailure(text) from exc
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


@dataclass(frozen=True, slots=True)
class Result:
    """The figures one benchmark run reports."""

    messages: int
    jieba_msgs_per_s: float
    parser_msgs_per_s: float
    ratio: float
    cached_msgs_per_s: float
    cached_ratio: float
    distinct_share: float
    parser_build_s: float
    peak_rss_mb: float


def run(texts: Sequence[str], repeat: int) -> Result:
    """Time bare jieba and the parser on the same texts, interleaved chunk by chunk.

    Other work on the machine slows both sides alike when they take turns every few hundred
    messages, so the ratio stays meaningful on a busy machine. The parser runs cold (its cache
    of repeated texts off) unless `cached` figures are asked for separately.
    """
    jieba.setLogLevel(logging.WARNING)
    jieba.lcut("预热一下词典")  # loads the default dictionary outside the timed loop
    start = time.perf_counter()
    parser = Parser(cache_size=0)
    build_s = time.perf_counter() - start
    cached = Parser()
    chunks = [texts[begin : begin + CHUNK] for begin in range(0, len(texts), CHUNK)]
    # For each chunk, the fastest of the passes: a slow moment of the machine costs only the
    # chunk it fell in, and it costs every contender of that chunk alike.
    best = [[float("inf")] * len(chunks) for _ in range(3)]
    for _ in range(max(1, repeat)):
        cached.clear_cache()
        for number, chunk in enumerate(chunks):
            for contender, func in enumerate((jieba.lcut, parser.parse, cached.parse)):
                seconds = _run_once(func, chunk)
                if seconds < best[contender][number]:
                    best[contender][number] = seconds
    jieba_s, parser_s, cached_s = (sum(times) for times in best)
    jieba_rate, parser_rate = len(texts) / jieba_s, len(texts) / parser_s
    return Result(
        messages=len(texts),
        jieba_msgs_per_s=round(jieba_rate, 1),
        parser_msgs_per_s=round(parser_rate, 1),
        ratio=round(parser_rate / jieba_rate, 4),
        cached_msgs_per_s=round(len(texts) / cached_s, 1),
        cached_ratio=round(len(texts) / cached_s / jieba_rate, 4),
        distinct_share=round(len(set(texts)) / max(1, len(texts)), 4),
        parser_build_s=round(build_s, 3),
        peak_rss_mb=round(peak_rss_mb(), 1),
    )


def report(result: Result, texts: Sequence[str], *, seed: int, repeat: int) -> str:
    """A few lines for a human reader."""
    mean_len = sum(map(len, texts)) / max(1, len(texts))
    return "\n".join(
        (
            f"messages        {result.messages} (seed {seed}, mean {mean_len:.1f} chars, "
            f"best of {repeat})",
            f"jieba.lcut      {result.jieba_msgs_per_s:>12,.0f} msg/s",
            f"Parser.parse    {result.parser_msgs_per_s:>12,.0f} msg/s   (cache off: every text parsed)",
            f"parser/jieba    {result.ratio:>12.3f}",
            f"with cache      {result.cached_msgs_per_s:>12,.0f} msg/s   "
            f"(ratio {result.cached_ratio:.3f}; {result.distinct_share:.0%} of texts distinct)",
            f"parser build    {result.parser_build_s:>12.3f} s",
            f"peak RSS        {result.peak_rss_mb:>12.1f} MB",
        )
    )


def _args(argv: Sequence[str] | None) -> argparse.Namespace:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--messages", type=int, default=50_000, help="how many messages")
    cli.add_argument("--seed", type=int, default=7, help="random seed for generation")
    cli.add_argument("--repeat", type=int, default=3, help="passes; each chunk's fastest counts")
    cli.add_argument("--json", action="store_true", help="print one JSON object instead")
    return cli.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Generate messages, benchmark, print the report; 1 if something raised on a message."""
    args = _args(argv)
    texts = generate_messages(args.messages, args.seed)
    try:
        result = run(texts, args.repeat)
    except ParseFailure as failure:
        print(f"parse_bench: {failure} ({failure.__cause__!r})", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(asdict(result), ensure_ascii=False))
    else:
        print(report(result, texts, seed=args.seed, repeat=args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
