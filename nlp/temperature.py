"""Body-temperature readings: every person and value, in the order written (contracts/parse.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from nlp.normalize import Normalized
from nlp.numerals import CN_DIGITS, chinese_celsius

_CN = f"[{CN_DIGITS}]"
_VALUE = re.compile(
    # Arabic: 36.5 / 36,5 / 36度5 / 37度 / 36.5℃ / a bare 36 (kept only in a report context)
    r"(?<![\d.])(?P<int>3[4-9]|4[0-2])"
    r"(?:\.(?P<frac>\d{1,2})|[,。·点](?P<frac1>\d)(?![\d.])|\s?(?P<deg>度|℃|°c|°)(?P<dfrac>\d|半|[一二三四五六七八九](?![个十百千万点度块元岁号口人天分]))?(?![\d.]))?"
    r"(?![\d.])"
    # Typed without the point: 365 for 36.5 (only 35.5-37.9 without a word about the body)
    r"|(?<![A-Za-z\d.])(?P<compact>3[5-9]\d|4[0-2]\d)(?![\d.])"
    # Chinese: 三十六度八 / 三十六点五 / 三六点五 / 三十七度 / 四十度
    rf"|(?P<cn>(?:三十|卅)[四五六七八九](?:[点度](?:{_CN}|半)|度)?|三[四五六七八九]点{_CN}|四十(?![一二三四五六七八九十百千万])(?:[点度]{_CN}|度)?)"
)
# Tenths written as words: 36度半, 36度五 (after an Arabic whole number).
_SPOKEN_TENTHS = {"半": "5", **{c: str(n) for n, c in enumerate("〇一二三四五六七八九")}}
_SEPARATORS = frozenset(" ,;。:!?、【】[]()「」《》~\n\t/|")
_CHUNK_SEPARATORS = frozenset(" ,;。:!?【】[]()「」《》~\n\t/|")
_CHUNK = re.compile(f"[^{re.escape(''.join(sorted(_CHUNK_SEPARATORS)))}]+")
_SPLIT = re.compile(r"[ ,;。:!?、【】\[\]()「」《》~\n\t/|]+")
_UNIT_TAIL = re.compile(r"\s?(?:度|℃|°c|°|摄氏度)")
# (都系 is Cantonese 都係 after conversion.)
_SHARED = ("都是", "均是", "均为", "都为", "全是", "全都是", "都系", "都", "均", "也是")
# (同 is Cantonese "and": 我同老婆.)
_CONJUNCTIONS = re.compile(r"和|跟|与|及|同|、|还有|,")
_PRONOUNS = ("我", "俺", "咱", "他", "她")
# Dates, times and ordinals before a value are not names: 12月5号, 8点, 第二次, 头一次.
# What may open a name chunk without being part of the name: the 、 that ended the previous
# person's reading ("陈金花36.2、陈金花老伴36.5") and a list number ("2.杨光荣爱人 36.3").
_LEADING = re.compile(r"[、.]*(?:\d{1,2}[.、)）])?")
# "以上均正常" closing a roll sums the list up; "37.3以上" is a threshold.
_SUMMING_UP = (
    "以上均",
    "以上都",
    "以上全",
    "以上人员均",
    "以上人员都",
    "以上人员体温",
    "以上几",
    "以上各",
)
# A value asked about is somebody's reading ("37.1 不算烧吧"); told outright it is a rule of
# thumb ("37度不算发烧 别紧张").
# ... unless the message talks about where the threshold lies ("37.0不算烧吧 37.3以上才算").
_THRESHOLD_TALK = re.compile(r"以上(才)?算|才算(发)?[烧热]|算不算")
_ASKED_ABOUT = re.compile(r"\s*(?:℃|度)?\s*不算(?:发)?[烧热]\s*(?:吧|吗|嘛|哈|不)")
_DATE = re.compile(
    r"(?:\d{1,2}月\d{1,2}[号日]?(?![楼院栋单室])|\d{1,2}[号日](?![楼院栋单室])|\d{1,2}[点:：]\d{0,2}分?|[一两二三四五六七八九十]{1,3}点[半钟]?|周[一二三四五六日天](?=[\s\d,，:：]|早|晚|上午|下午|中午|测|量|的|$)|星期[一二三四五六日天]"
    r"|[第头][一二三四五六七八九十两\d][次遍回]|再测|复测|[一二两三四五几仨俩\d](?:次|遍|回)"
    r"|[隔过]了?[半一二两三四五六七八九十几\d]+个?(?:小时|钟头|分钟)|[半一两\d]个?(?:小时|钟头)后)+"
)
_MAX_NAME = 16
_NUMBERED = (
    "单元",
    "号",
    "楼",
    "栋",
    "幢",
    "室",
    "房",
    "门牌",
    "车牌",
    "尾号",
    "编号",
    "号码",
    "第",
)


class Reading(NamedTuple):
    """One person's temperature; `name` is as written, None when nobody is named."""

    name: str | None
    celsius: float


@dataclass(frozen=True, slots=True)
class TemperatureLexicon:
    """Words that decide whether a number is a body temperature (rules.yaml `temperature`)."""

    body: re.Pattern[str]
    weather: re.Pattern[str]
    not_units: tuple[str, ...]
    thresholds_before: tuple[str, ...]
    thresholds_after: tuple[str, ...]
    vague_after: tuple[str, ...]
    fillers: Fillers
    # First (last) characters of the words above: most values are followed by none of them,
    # and one set lookup spares trying every word.
    starts: frozenset[str] = field(init=False, compare=False, repr=False)
    ends_before: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        after = (*self.not_units, *self.thresholds_after, *self.vague_after)
        object.__setattr__(self, "starts", frozenset(word[0] for word in after if word))
        before = (*self.thresholds_before, "¥", "￥", "$")
        object.__setattr__(self, "ends_before", frozenset(word[-1] for word in before if word))


class _Value(NamedTuple):
    start: int
    end: int
    celsius: float
    bare: bool
    whole: bool


class Extraction(NamedTuple):
    """The readings of a message, and whether it is nothing but a roll of names and readings."""

    readings: tuple[Reading, ...]
    roster_only: bool = False


def extract_readings(norm: Normalized, lex: TemperatureLexicon) -> tuple[Reading, ...]:
    """Every (person, value) pair in the message, or () when it holds no body temperature."""
    return extract(norm, lex).readings


def extract(norm: Normalized, lex: TemperatureLexicon) -> Extraction:
    """The readings, and whether nothing but names, readings and filler words is written.

    A message that is only a roll ("3号楼王大爷36.5 王大娘36.4") cannot hold a request, so the
    parser need not segment it; anything else written next to the readings ("要去医院吗") and
    the message is read in full.
    """
    text = norm.text
    if not _may_hold_value(text):
        return _NONE
    values = [v for v in _values(text) if not _rejected(text, v, lex)]
    if not values:
        return _NONE
    body = lex.body.search(text) is not None
    weather = not body and lex.weather.search(text) is not None
    if not body:
        # Without a word about body temperature, "38度" next to weather talk is the weather, and a
        # bare "36" is just a number; values with a decimal ("36.6") still read as temperatures.
        values = [v for v in values if not v.bare and not (weather and v.whole)]
    # (A roll written value first has at most a short lead-in before its first value.)
    value_first = len(values) > 1 and values[0].start <= _LEAD_IN_CHARS
    after_values = _names_after_values(norm, values, lex) if value_first else None
    if after_values and (body or not any(_is_goods(name) for name in after_values)):
        # "36.6 我/36.4 我妈/36.9 我外婆": every person is written after their value.
        pairs = zip(after_values, values, strict=True)
        return Extraction(tuple(Reading(name, value.celsius) for name, value in pairs))
    listed = _names_listed_after(norm, values, lex) if value_first and not after_values else None
    if listed:
        # "36度8 36度5 36度6 爸 妈 我": the values first, then the people in the same order.
        pairs = zip(listed, values, strict=True)
        return Extraction(tuple(Reading(name, value.celsius) for name, value in pairs))
    respectively = _respectively(norm, values, lex)
    if respectively:
        return Extraction(respectively)
    readings: list[Reading] = []
    covered: list[tuple[int, int]] = []
    previous_end = 0
    also_possible = "也" in text or "同上" in text
    queued: list[str | None] = []  # people named together, one for each of the values after
    for number, value in enumerate(values):
        if queued:
            readings.append(Reading(queued.pop(0), value.celsius))
            covered.append((previous_end, value.end))
            previous_end = value.end
            continue
        between = (previous_end, value.start)
        names = list(_names(norm, previous_end, value.start, lex))
        chunk_start = _last_chunk(text, previous_end, value.start)[0]
        names, previous_end = _completed(norm, names, value, between, readings, lex)
        if _one_each(text, names, values, number, chunk_start):
            # "俺和他奶奶36.5 36.4": two people, then a value for each, in the same order.
            names, queued = names[:1], names[1:]
        if (
            not body
            and (value.whole or (weather and not _EVERYDAY_LOW <= value.celsius < _EVERYDAY_HIGH))
            and names == [None]
            and text.strip() != text[value.start : value.end]
        ):
            # "今天37度", "外面好热呀 三十七度八": nobody named, no word about the body. A body's
            # everyday tenth stays a reading beside weather talk: "36.4 在家呢 外边零下三十五度".
            continue
        if not body and any(name and _is_goods(name) for name in names):
            continue  # "带鱼36.8 都涨了": a price at the market, no person
        if any(name and _PLACE.fullmatch(name) for name in names):
            continue  # "今天深圳37度": a city's weather, no person
        readings.extend(Reading(name, value.celsius) for name in names)
        covered.append((chunk_start, value.end))
        if also_possible:
            following = values[number + 1].start if number + 1 < len(values) else len(text)
            last = following == len(text)
            for start, end, name in _also(norm, value.end, following, lex, last=last):
                readings.append(Reading(name, value.celsius))
                covered.append((start, end))
    if len(readings) == 1 and readings[0].name is None:
        # "36.5 张婆婆": one reading, and the person written after it.
        trailing = _trailing_person(norm, values[0].end, lex)
        if trailing:
            readings = [Reading(trailing, readings[0].celsius)]
    if not readings or all(r.name and r.name.startswith(("你", "您")) for r in readings):
        # "你家老爷子三十六度八那是正常的": a reply about the addressee's reading reports nothing.
        return _NONE
    return Extraction(tuple(readings), _only_fillers_left(text, covered, lex.fillers))


_NONE = Extraction(())


def _only_fillers_left(text: str, covered: list[tuple[int, int]], fillers: Fillers) -> bool:
    """True when the text outside the name-and-value spans is separators and filler words."""
    cursor = 0
    leftover = []
    for start, end in covered:
        leftover.append(text[cursor:start])
        cursor = end
    leftover.append(text[cursor:])
    for piece in leftover:
        for chunk in _SPLIT.split(piece):
            if chunk and not _is_filler(chunk, fillers):
                return False
    return True


def _is_filler(chunk: str, fillers: Fillers) -> bool:
    if _HEADER.fullmatch(chunk):
        return True  # a household or address header: 5组3号, 11号楼3单元102, 刘家
    match = fillers.head.match(chunk)
    return match is not None and match.end() == len(chunk)


# A number and what it numbers: 3号楼, 2单元, 5组, 102室.
_NUMBERED_PLACE = r"[\d一二三四五六七八九十]+(?:号楼|栋|幢|组|号|单元|室|排|户)"
_HEADER = re.compile(rf"(?:{_NUMBERED_PLACE}?)+|[\u4e00-\u9fff]{{1,3}}家|@\S+")
# A house or building number opening a chunk: "3号楼王大妈 今天提问三六点六".
_ADDRESS_HEAD = re.compile(f"(?:{_NUMBERED_PLACE})+")


def _may_hold_value(text: str) -> bool:
    return "3" in text or "4" in text or "三" in text or "四十" in text or "卅" in text


def _values(text: str) -> Iterator[_Value]:
    for match in _VALUE.finditer(text):
        spoken, compact, whole_part, frac, frac1, dfrac, degree = match.group(*_VALUE_GROUPS)
        if spoken:
            celsius = chinese_celsius(spoken)
            if celsius is None:
                continue
            end = _after_unit(text, match.end())
            # 三十八 alone is just a number (执教三十八载); 三十八度 / 三十六点五 are readings.
            bare = "度" not in text[match.start() : end] and "点" not in spoken
            # "三十七度整" is a reading to the tenth, not a round figure of the weather.
            whole = celsius == int(celsius) and not text.startswith("整", end)
            yield _Value(match.start(), end, celsius, bare, whole)
            continue
        if compact:
            if text.endswith(_NUMBERED, 0, match.start()):
                continue  # 2单元365, 门牌368: a room, not 36.5
            if _READING_NEXT.match(text, match.end()):
                continue  # "401 36.5 402 36.7": a room number naming the reading after it
            tenths = int(compact)
            end = _after_unit(text, match.end())
            if tenths >= 400 and end == match.end():
                continue  # 401 with no unit is a room; a fever that high is written 40.1
            yield _Value(
                match.start(), end, tenths / 10, bare=not 355 <= tenths <= 379, whole=False
            )
            continue
        tenth = frac or frac1 or dfrac
        if tenth:
            tenth = _SPOKEN_TENTHS.get(tenth, tenth)
            # One digit reads exactly as written; two are rounded to the tenth (36.55 -> 36.5).
            celsius = float(f"{whole_part}.{tenth}")
            if len(tenth) > 1:
                celsius = round(celsius, 1)
        else:
            celsius = float(whole_part)
        end = _after_unit(text, match.end())
        yield _Value(
            match.start(),
            end,
            celsius,
            not (tenth or degree),
            not tenth and not text.startswith("整", end),
        )


_VALUE_GROUPS = ("cn", "compact", "int", "frac", "frac1", "dfrac", "deg")
# What may follow a number as its unit, first characters only (see _UNIT_TAIL).
_UNIT_STARTS = frozenset(" 度℃°摄")


def _after_unit(text: str, end: int) -> int:
    if end >= len(text) or text[end] not in _UNIT_STARTS:
        return end
    unit = _UNIT_TAIL.match(text, end)
    return unit.end() if unit else end


def _rejected(text: str, value: _Value, lex: TemperatureLexicon) -> bool:
    raw = text[value.end : value.end + 4]
    after = raw.lstrip()
    if after[:1] in lex.starts:
        # A unit must touch the number ("36.5元"); after a space the next word may be a name.
        if text.startswith(lex.not_units, value.end):
            return True
        if after.startswith(lex.vague_after) and not after.startswith(_NOT_VAGUE):
            # After a space a word may start with 多: the next person's name (36.6 多杰36.5).
            spaced = len(after) < len(raw)
            if not (spaced and len(after) > 1 and _HAN.match(after[1]) and after[1] not in "度点"):
                return True
        if after.startswith(lex.thresholds_after) and not after.startswith(_SUMMING_UP):
            return (
                not _ASKED_ABOUT.match(text, value.end) or _THRESHOLD_TALK.search(text) is not None
            )
    before = text[max(0, value.start - 5) : value.start].rstrip()
    if before[-1:] in lex.ends_before and (
        before.endswith(lex.thresholds_before) or before.endswith(("¥", "￥", "$"))
    ):
        return True
    clause = _clause(text, value.start, value.end)
    return lex.weather.search(clause) is not None


# Words that open with a vague-number word but say something else: "36.6 多谢网格员".
_NOT_VAGUE = ("多谢", "多亏", "多少")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _clause(text: str, start: int, end: int) -> str:
    """The words around a value up to the nearest separators, but no further than a few words:
    voice-to-text runs a whole report together with no punctuation at all."""
    before = _CLAUSE_TAIL.search(text, max(0, start - _CLAUSE_REACH), start)
    after = _CLAUSE_HEAD.match(text, end, end + _CLAUSE_REACH)
    return text[before.start() if before else start : after.end() if after else end]


_CLAUSE_REACH = 12
_NOT_SEPARATOR = f"[^{re.escape(''.join(sorted(_SEPARATORS)))}]"
_CLAUSE_TAIL = re.compile(f"{_NOT_SEPARATOR}*\\Z")
_CLAUSE_HEAD = re.compile(f"{_NOT_SEPARATOR}*")


def _names(norm: Normalized, lo: int, hi: int, lex: TemperatureLexicon) -> Iterator[str | None]:
    """The person or people named between the previous value and this one."""
    text = norm.text
    chunk_start, end = _last_chunk(text, lo, hi)
    start, end, shared = _clean_name(text, chunk_start, end, lex.fillers)
    if _AGE.fullmatch(text, start, end) or (
        chunk_start >= 2
        and text[chunk_start - 1] == "("
        and text[chunk_start - 2] not in _CHUNK_SEPARATORS
        and text.startswith(")", end)
    ):
        # "阿公（87岁）36.2", "张玉兰（独居）36.4": a note in brackets; the name is before it
        start = end
    name_chunk = chunk_start
    # "王建华 王建英 刘春 三个都是36.4": a count alone says how many, not who, when the people
    # are named before it ("四口人都36.5" has nobody else). A count written onto a household is
    # its name: 我们家三个人, 屋企五个人.
    headcount = (
        start < end
        and text[start] in _HEADCOUNT_STARTS
        and _HEADCOUNT.fullmatch(text, start, end) is not None
    )
    if (start >= end or headcount) and chunk_start > lo:
        # "楊小龍 發燒38.3", "俺和老伴 都36.4": the chunk before the value held no name; the one
        # before it does, unless it holds a number of its own ("热到三十五度 体温36.6").
        before_start, before_end = _last_chunk(text, lo, chunk_start)
        cleaned = _clean_name(text, before_start, before_end, lex.fillers)
        if (
            not _HAS_NUMBER.search(text, _after_address(text, before_start, before_end), before_end)
            and not _NOT_A_NAME.search(text, cleaned[0], cleaned[1])
            and (not headcount or cleaned[0] < cleaned[1])
        ):
            start, end, shared_before = cleaned
            shared = shared or shared_before
            name_chunk = before_start
    if (
        start >= end
        or end - start > _MAX_NAME
        or _is_number_part(text, start, end)
        or lex.weather.search(text, start, end)  # "外面好热呀 三十七度八": the weather, nobody
    ):
        yield None
        return
    joined = shared and name_chunk > lo and text.startswith(_JOINING, name_chunk)
    if joined:
        # "俺和俺家那口子 还有俺婆婆 都是36.4", "我 老伴 还有孙女 都是36.6": the people before
        # 还有 share the value too.
        word = next(w for w in _JOINING if text.startswith(w, name_chunk))
        start = max(start, name_chunk + len(word))
        yield from _listed_before(norm, lo, name_chunk, lex) or _people_before(
            norm, lo, name_chunk, lex
        )
    name = text[start:end]
    if shared and not joined and not _CONJUNCTIONS.search(name):
        # "谭家 谭大爷 谭大娘 都是36.5": everyone listed after the household header shares it.
        yield from _listed_before(norm, lo, name_chunk, lex)
    if shared or "、" in name or name.startswith(_PRONOUNS):
        parts = _split_people(start, end, text)
        if shared:
            parts = [piece for s, e in parts for piece in _split_unjoined(text, s, e)]
        if len(parts) > 1:
            for s, e in parts:
                yield norm.written[s:e]
            return
    yield norm.written[start:end]


def _completed(
    norm: Normalized,
    names: list[str | None],
    value: _Value,
    between: tuple[int, int],
    readings: list[Reading],
    lex: TemperatureLexicon,
) -> tuple[list[str | None], int]:
    """The people a value belongs to when nobody (or only a count) stands before it, and where
    the text this value used ends."""
    counted = names != [None] and any(n and _COUNTED.search(n) for n in names)
    after = _named_after(norm, value.end, lex) if names == [None] or counted else None
    if after:
        # "36.4（我）36.6（老婆）", "其中1人低烧37.4（覃小梅）": the name follows in brackets.
        return [after[0]], after[1]
    if names == [None] and readings and _only_fillers_between(norm.text, between, lex.fillers):
        # "阿土 早上36.5 下午36.9": the one person of the message measured again.
        person = readings[-1].name
        if person and not _GROUP.search(person) and all(r.name == person for r in readings):
            return [person], value.end
    return names, value.end


def _names_after_values(
    norm: Normalized, values: list[_Value], lex: TemperatureLexicon
) -> list[str] | None:
    """The person after each value, when a roll is written value first ("36.6 我/36.4 我妈",
    "三十六度八 刘玉兰/三十六度五 刘玉兰老伴", "36.5—李三宝，36.6—李三宝他妈"); None otherwise."""
    text = norm.text
    if not _only_fillers_between(text, (0, values[0].start), lex.fillers):
        return None
    names = []
    for number, value in enumerate(values):
        stop = values[number + 1].start if number + 1 < len(values) else len(text)
        start = value.end
        while start < stop and text[start] in _DASHES:
            start += 1
        end = start
        while end < stop and text[end] not in _CHUNK_SEPARATORS and text[end] not in "，、":
            end += 1
        first, last, _shared = _clean_name(text, start, end, lex.fillers)
        if (
            first >= last
            or last - first > _SPOKEN_NAME * 2
            or _HAS_NUMBER.search(text, first, last)
        ):
            return None
        names.append((first, last))
    if not any(_PERSON.fullmatch(text, first, last) for first, last in names):
        return None
    return [norm.written[first:last] for first, last in names]


def _names_listed_after(
    norm: Normalized, values: list[_Value], lex: TemperatureLexicon
) -> list[str] | None:
    """One person for each value, listed after all of them ("36.4 36.6 俺和俺娘", "體溫 36度8 36度5
    36度6 爸 媽 我"); None unless the values stand together and the people match them one to one."""
    text = norm.text
    pieces = list(_LISTED_NAME.finditer(text, values[-1].end))
    if len(pieces) < len(values):
        return None
    spans = [(0, values[0].start)] + [(a.end, b.start) for a, b in pairwise(values)]
    if not all(_only_fillers_between(text, span, lex.fillers) for span in spans):
        return None
    names = []
    for piece in pieces:
        first, last, _shared = _clean_name(text, piece.start(), piece.end(), lex.fillers)
        if first >= last:
            continue
        if not _PERSON.fullmatch(text, first, last):
            return None
        names.append(norm.written[first:last])
    return names if len(names) == len(values) else None


_LISTED_NAME = re.compile(r"[^\s,，、和跟与]+")
# A count standing for a person, named in brackets after the value: 其中1人低烧37.4（覃小梅）.
_COUNTED = re.compile(r"\d+人|其中|有一?[个位]")
_LEAD_IN_CHARS = 8
_DASHES = frozenset(" -—–~:：")


def _only_fillers_between(text: str, span: tuple[int, int], fillers: Fillers) -> bool:
    """True when nothing but time words and fillers stands between two readings."""
    for start, end in _chunks(text, *span):
        cleaned = _clean_name(text, start, end, fillers)
        if cleaned[0] < cleaned[1]:
            return False
    return True


def _named_after(norm: Normalized, end: int, lex: TemperatureLexicon) -> tuple[str, int] | None:
    """A person named in brackets right after a value, and where the brackets close."""
    bracket = _BRACKETED.match(norm.text, end)
    if bracket is None:
        return None
    start, stop, _shared = _clean_name(norm.text, bracket.start(1), bracket.end(1), lex.fillers)
    if start >= stop or _HAS_NUMBER.search(norm.text, start, stop):
        return None
    return norm.written[start:stop], bracket.end()


def _trailing_person(norm: Normalized, end: int, lex: TemperatureLexicon) -> str | None:
    """The person a lone reading is followed by, when the rest of the message is just that."""
    text = norm.text
    for chunk_start, chunk_end in _chunks(text, end, len(text)):
        start, stop, _shared = _clean_name(text, chunk_start, chunk_end, lex.fillers)
        if start >= stop:
            continue  # "36.5 正常 张幺妹": filler words before the person
        if chunk_end - chunk_start > _TRAILING_CHUNK or not _PERSON.fullmatch(text, start, stop):
            return None
        # "三十七度八 俺娘 刚量的 说头有点沉": the first words after the value name the person.
        return norm.written[start:stop]
    return None


# Kinship words. Two of _KINSHIP side by side are two people (爷爷奶奶); _KIN ends a person.
_KIN_SHARED = (
    "爷爷|奶奶|姥姥|姥爷|外公|外婆|公公|婆婆|爸爸|妈妈|老伴|爱人|媳妇|儿子|女儿|闺女|孙子|孙女"
)
_KINSHIP = f"{_KIN_SHARED}|阿公|阿婆|阿爷|阿嫲|阿叔|阿婶|阿伯|阿姆|阿妈|阿爸"
_KIN = f"{_KIN_SHARED}|大爷|大娘|大妈|大伯|大叔|阿姨|老公|老婆|对象|那口子|老头子|孩子|妈|爸|爹|娘"
# Looks like a person, not a word: 老周, 阿婆, 张婆婆, 王桂兰, 孩子.
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
_PERSON = re.compile(
    rf"[我俺]|[我俺]?(?:{_KIN})|[老小阿][\u4e00-\u9fff]{{1,2}}|[\u4e00-\u9fff]{{0,3}}(?:{_KIN})"
    rf"|(?!谢谢|谢了|马上|白天|毛病|高温|高烧|方便|常规|黄色)[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}"
)
_BRACKETED = re.compile(r"\s?\(([^()\d]{1,8})\)")
# What a market price is written after: fish, meat, vegetables, grain.
_GOODS = (*"鱼肉菜米面油果虾蟹价", "一板", "一斤")


def _is_goods(name: str) -> bool:
    # 带鱼, 苹果 are goods; 阿果, 小鱼, 老虾 are what people call each other
    return name.endswith(_GOODS) and not name.startswith(("阿", "老", "小"))


# A city or county standing where a name would: its weather, not a person's temperature.
_PLACE = re.compile(
    r"(?:今天|今日|这两天|明天)?(?:北京|上海|天津|重庆|深圳|广州|东莞|佛山|杭州|南京|苏州|武汉|长沙|成都|西安|"
    r"郑州|济南|青岛|福州|厦门|南宁|昆明|贵阳|海口|三亚|合肥|南昌|石家庄|太原|沈阳|长春|哈尔滨|兰州|银川|西宁|"
    r"聊城|德州|济宁|泰安|菏泽|淄博|潍坊|临沂|枣庄|烟台|威海|日照|滨州|东营|"
    r"乌鲁木齐|拉萨|呼和浩特|[\u4e00-\u9fff]{1,3}[市县省])(?:今天|今日|这两天|明天)?"
)
# Where somebody came back from is not part of their name ("从东莞回来的李国庆").
_FROM_PLACE = r"刚?从[\u4e00-\u9fff]{1,6}(?:回来|返乡|过来|回家)"
_CAME_BACK = re.compile(_FROM_PLACE + "的?")  # before the name
# After it: "俺弟从北京回来了 36.5" (回来了 may be gone already, as a filler word).
_BACK_SINCE = re.compile(r"刚?从[\u4e00-\u9fff]{1,6}?(?:回来|返乡|过来|回家)?了?$")
# Words that describe several people, so later readings are not theirs again.
_GROUP = re.compile(r"分别|个人|一家|全家|都好|大家|我们|咱们|俺们|几口")
_AGE = re.compile(r"\d{1,3}岁")
_JOINING = ("还有", "以及", "加上", "和", "跟", "同")


def _people_before(norm: Normalized, lo: int, hi: int, lex: TemperatureLexicon) -> list[str]:
    """The people named in the chunk before `hi`, when it names only people."""
    text = norm.text
    chunk_start, chunk_end = _last_chunk(text, lo, hi)
    start, end, _shared = _clean_name(text, chunk_start, chunk_end, lex.fillers)
    if not start < end <= start + _MAX_NAME or _HAS_NUMBER.search(text, start, end):
        return []
    if _NOT_A_NAME.search(text, start, end):
        return []
    return [norm.written[s:e] for s, e in _split_people(start, end, text)]


def _clean_name(text: str, start: int, end: int, fillers: Fillers) -> tuple[int, int, bool]:
    """Trim fillers, dates and the shared marker (都) from a chunk; say whether 都 was there.

    Rolls repeat their people day after day (闺女, 我妈, 3号楼王大爷), so the answer for a chunk
    is remembered; it depends on the chunk and on the few characters after it, no others.
    """
    key = (text[start:end], text[end : end + _CLEAN_LOOKAHEAD])
    known = fillers.cleaned.get(key)
    if known is None:
        first, last, shared = _clean_chunk(text, start, end, fillers)
        known = (first - start, last - start, shared)
        if len(fillers.cleaned) < _CLEANED_KEPT:
            fillers.cleaned[key] = known
    return start + known[0], start + known[1], known[2]


# _clean_chunk looks at most this far past a chunk (a title, then 那个, then 的).
_CLEAN_LOOKAHEAD = 5
_CLEANED_KEPT = 20_000


def _clean_chunk(text: str, start: int, end: int, fillers: Fillers) -> tuple[int, int, bool]:
    leading = _LEADING.match(text, start, end)
    if leading:
        start = leading.end()
    start, end = _strip_fillers(text, start, end, fillers)
    # (成都 is a city, not 成 and everybody: "成都今天37度".)
    shared = text.endswith(_SHARED, start, end) and not _PLACE.fullmatch(text, start, end)
    if shared:
        end -= next(len(m) for m in _SHARED if text.endswith(m, start, end))
    date = _DATE.match(text, start, end)
    if date and not _house_number(text, start, date.end(), end):
        start = date.end()
    if text.find("从", start, end) != -1:
        came_back = _CAME_BACK.match(text, start, end)
        if came_back:
            start = came_back.end()
        back_since = _BACK_SINCE.search(text, start, end)
        if back_since and back_since.start() > start:
            end = back_since.start()
    start, end = _strip_fillers(text, start, end, fillers)
    if end - start > 2 and text[end - 1] in _AGE_ENDS:
        age = _AGE_TAIL.search(text, start, end)
        if age and age.start() > start:
            end = age.start()  # "俺爷爷八十九了 今天36度7": the person, not their age
    if end - start == 1 and text.startswith(_AFTER_SURNAME, end):
        end += 2  # "孟书记 36.4": a surname and a title, not 孟 and a filler
    if start < end and text[start] in "家屋":
        home = _AT_HOME.match(text, start, end)
        if home:
            start = home.end()  # "家里俺娘说她三十六度三": where she is, then who
    if text.find("了", start + 1, end) != -1:
        measured = _MEASURED.search(text, start + 1, end)
        if measured:
            end = measured.start()  # "俺测了俩回 都是36.6": who, then how they measured
    if text.startswith("那个", end) and text[end - 1] in "家屋":
        end += 2  # "俺家那个36.5", "我屋那个": the spouse, not a filler
    if text.startswith("的", end) and (
        (end - start == 1 and text[start] not in _PRONOUNS)
        or text.endswith(("家", "家里", "屋里", "掌柜", "当家", "做饭", "老", "小"), start, end)
    ):
        end += 1  # 大的, 老周家的, 王铁锤家里的, 俺家掌柜的, 两个老的: "的" belongs to these names
    if end - start > 2 and text[end - 1] in "他她" and text[end - 2] not in _PRONOUNS:
        end -= 1  # "我老伴他是36.7": the pronoun repeats the person
    if end - start > _SPOKEN_NAME:
        # Voice-to-text: "我给你报一下体温啊我" - the person is what follows the lead-in.
        lead_in = _LEAD_IN.match(text, start, end)
        if lead_in and lead_in.end() < end:
            start, end = _strip_fillers(text, lead_in.end(), end, fillers)
    return start, end, shared


# Readings of a well body: beside weather talk, only these stay readings when nobody is named.
_EVERYDAY_LOW, _EVERYDAY_HIGH = 35.5, 37.3
_AGE_TAIL = re.compile(
    r"(?:[一二三四五六七八九十\d]{2,3}(?:岁|多岁)?了|[一二三四五六七八九十\d]{1,3}(?:岁|多岁)了?)$"
)
_HEADCOUNT_STARTS = frozenset("两二三四五六七八九十俩仨")
_AGE_ENDS = frozenset("了岁0123456789一二三四五六七八九十")
_AFTER_SURNAME = ("书记", "主任", "队长", "会计", "老师", "大夫", "医生")
# The words after a lone value name its person only when they are few: "三十七度八 俺娘 刚量的".
_TRAILING_CHUNK = 6
_SPOKEN_NAME = 4
_AT_HOME = re.compile(r"(?:家里头|家里|屋里|屋头)(?=[俺我咱他她])")
_MEASURED = re.compile(r"(?:自己)?[测量]了")
_HEADCOUNT = re.compile(
    r"[两二三四五六七八九十]?[两二三四五六七八九十俩仨](?:个人|个|口人|口|位)?|[俩仨]人"
)
_LEAD_IN = re.compile(r".*(?:体温|提问|体问|报一下|报个|汇报一下)[啊呀吧哈嘛呢了哦,]*")


def _also(
    norm: Normalized, lo: int, hi: int, lex: TemperatureLexicon, *, last: bool
) -> Iterator[tuple[int, int, str]]:
    """People after a value who share it: "李大爷36.5 李大娘也是". The chunk right before the next
    value names that value's person, so it is left to it."""
    text = norm.text
    chunks = _chunks(text, lo, hi)
    if not last:
        chunks = chunks[:-1]
    for start, end in chunks:
        marker = next((m for m in _ALSO if text.endswith(m, start, end)), None)
        if marker is None:
            continue
        name_start, name_end, _shared = _clean_name(text, start, end - len(marker), lex.fillers)
        if name_start < name_end and name_end - name_start <= _MAX_NAME:
            yield start, end, norm.written[name_start:name_end]


_ALSO = ("也都是", "也是", "也一样", "同上")
# A number, a space and a reading: "401 36.5".
_READING_NEXT = re.compile(r"\s(?:3[4-9]|4[0-2])(?:\.\d|度)")
_HAS_NUMBER = re.compile(r"\d|[三四]十|度")


def _after_address(text: str, start: int, end: int) -> int:
    """Where a chunk's words begin after the address it opens with, if any."""
    address = _ADDRESS_HEAD.match(text, start, end)
    return address.end() if address else start


# A chunk with a negation, a degree word or 了 describes something; it names nobody
# ("头有点沉 量了下36度9").
_NOT_A_NAME = re.compile(r"有点|[没不了很]|(?<!老)太(?![婆太爷奶公姥])")
_HOUSE_NUMBER = re.compile(r"\d{1,4}号")
# A date is followed by what happened that day; a house number by the person living there.
_AFTER_DATE = frozenset("体测量早晚上下中午凌夜今昨报复再第")


def _house_number(text: str, start: int, date_end: int, end: int) -> bool:
    """True when what looks like a date opening a name is a house number: alone ("14号 36.5
    16号 36.8") or run into the name it belongs to ("12号王桂兰36.5", "6号窑洞马老汉")."""
    if not _HOUSE_NUMBER.fullmatch(text, start, date_end):
        return False
    return date_end == end or text[date_end] not in _AFTER_DATE


def _is_number_part(text: str, start: int, end: int) -> bool:
    """True for the second half of a blood pressure or a fraction (150/95)."""
    return (
        text[start:end].isdigit()
        and text[start - 1 : start] == "/"
        and not _READING_NEXT.match(text, end)  # "36.5/402 36.7": a room, then its reading
    )


def _listed_before(norm: Normalized, lo: int, hi: int, lex: TemperatureLexicon) -> list[str]:
    """The people listed one per chunk between a household header and `hi` ("谭家 谭大爷 …"), or
    before `hi` with nothing else written ("老李 老王 老刘 都36.5"); nobody unless the text there
    is exactly that."""
    text = norm.text
    chunks = _chunks(text, lo, hi)
    if not chunks:
        return []
    if len(chunks) >= 2 and _HOUSEHOLD.fullmatch(text, *chunks[0]):
        listed = chunks[1:]
    elif all(
        _PERSON.fullmatch(text, *chunk) or _HOUSEHOLD.fullmatch(text, *chunk) for chunk in chunks
    ):
        listed = chunks  # "老李 老王 老刘 都36.5": nothing but people before the shared value
    else:
        return []
    names = []
    for chunk_start, chunk_end in listed:
        start, end, _shared = _clean_name(text, chunk_start, chunk_end, lex.fillers)
        if not start < end <= start + _SPOKEN_NAME or _HAS_NUMBER.search(text, start, end):
            return []
        names.append(norm.written[start:end])
    return names


_HOUSEHOLD = re.compile(r"[\u4e00-\u9fff]{1,3}家|[\u4e00-\u9fff]{0,3}家[:：]")


def _respectively(
    norm: Normalized, values: list[_Value], lex: TemperatureLexicon
) -> tuple[Reading, ...]:
    """People listed before 分别 and their values after it, in the same order: "我和我媳妇分别是
    36.4 36.6", "俺 俺爹 俺娘 分别是36.4 36.5 36.6". Empty unless every value follows 分别 and
    there are as many people as values."""
    text = norm.text
    marker = _RESPECTIVELY.search(text)
    if marker is None or len(values) < 2 or values[0].start < marker.end():
        return ()
    if _run_end(text, marker.end(), values) is None:
        return ()
    people: list[str] = []
    for chunk_start, chunk_end in _chunks(text, 0, marker.start()):
        start, end, _shared = _clean_name(text, chunk_start, chunk_end, lex.fillers)
        if start >= end or _HAS_NUMBER.search(text, start, end):
            continue
        people += [norm.written[a:b] for a, b in _split_people(start, end, text) if a < b]
    if len(people) < len(values):
        return ()
    people = people[-len(values) :]  # "俺们屋里仨人 俺 俺爹 俺娘": the household comes first
    return tuple(Reading(name, value.celsius) for name, value in zip(people, values, strict=True))


def _one_each(
    text: str, names: list[str | None], values: list[_Value], number: int, chunk_start: int
) -> bool:
    """True when the people named before value `number` are as many as the values that follow it
    with nothing between them, and nothing says they share one value (都, 均, 一样)."""
    wanted = len(names)
    if wanted < 2 or None in names or number + wanted > len(values):
        return False
    if _SHARED_WORD.search(text, chunk_start, values[number].start):
        return False
    end = _run_end(text, values[number].end, values[number + 1 : number + wanted])
    if end is None:
        return False
    # The run must end there: a further value right after belongs to nobody.
    return (
        number + wanted == len(values) or _run_end(text, end, values[number + wanted :][:1]) is None
    )


def _run_end(text: str, cursor: int, values: Sequence[_Value]) -> int | None:
    """Where `values` end when they follow `cursor` with nothing but separators between them
    ("分别是36.4 36.6"); None when anything else is written in between."""
    for value in values:
        if text[cursor : value.start].strip(_BETWEEN_VALUES):
            return None
        cursor = value.end
    return cursor


_SHARED_WORD = re.compile(r"都|均|一样|同样|全是")
_RESPECTIVELY = re.compile(r"分别(?:是|为)?")
_BETWEEN_VALUES = " ,，、;；和/"


def _chunks(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans between chunk separators from `lo` to `hi`."""
    return [match.span() for match in _CHUNK.finditer(text, lo, hi)]


def _last_chunk(text: str, lo: int, hi: int) -> tuple[int, int]:
    end = hi
    while end > lo and text[end - 1] in _CHUNK_SEPARATORS:
        end -= 1
    start = end
    while start > lo and text[start - 1] not in _CHUNK_SEPARATORS:
        start -= 1
    return start, end


def _strip_fillers(text: str, start: int, end: int, fillers: Fillers) -> tuple[int, int]:
    head = fillers.head.match(text, start, end)
    if head:
        start = head.end()
    if start < end and text[end - 1] in fillers.last_chars:
        tail = fillers.tail.search(text, start, end)
        if tail:
            end = tail.start()
    return start, end


@dataclass(frozen=True, slots=True)
class Fillers:
    """Runs of filler words at the start (`head`) or the end (`tail`) of a name chunk."""

    head: re.Pattern[str]
    tail: re.Pattern[str]
    # The characters filler words end with: a chunk ending otherwise has no filler tail, and the
    # tail search (tried from every position of the chunk) can be skipped.
    last_chars: frozenset[str]
    # Chunks already cleaned (see _clean_name), kept with the filler words they were cleaned by.
    cleaned: dict[tuple[str, str], tuple[int, int, bool]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(cls, words: tuple[str, ...]) -> Fillers:
        """Compile the filler words, longest first so 报体温 wins over 报."""
        run = f"(?:{any_word(words).pattern})+"
        return cls(re.compile(run), re.compile(run + "$"), frozenset(w[-1] for w in words if w))


def any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that finds any of `words`, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _split_unjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """People written side by side with no word between them: 俺爹俺娘 (the pronoun comes
    again), 大宝二宝 (two ranks of one pet name)."""
    if text[start] in "俺我咱":
        again = text.find(text[start], start + 2, end)
        if again > 0:
            return [(start, again), *_split_unjoined(text, again, end)]
    half = (end - start) // 2
    if (
        half in (2, 3)
        and end - start == 2 * half
        and text[start] in _RANKS
        and text[start + half] in _RANKS
        and text[start + 1 : start + half] == text[start + half + 1 : end]
    ):
        return [(start, start + half), (start + half, end)]  # 大宝二宝, 大伢子二伢子
    if (
        end - start == 4
        and text[start] == text[start + 2]
        and (text[start] == "阿" or (text[start + 1] in _TITLES and text[start + 3] in _TITLES))
    ):
        return [(start, start + 2), (start + 2, end)]  # 黎叔黎婶, 阿木阿果: two people
    kin = _KINSHIP_RUN.fullmatch(text, start, end)
    if kin:
        # 爷爷奶奶: two kinship words written side by side
        return [m.span() for m in _KINSHIP_WORD.finditer(text, start, end)]
    return [(start, end)]


_RANKS = frozenset("大二三四五六小老幺")
_TITLES = frozenset("叔婶伯姨姑舅哥姐嫂爷奶公婆")
_KINSHIP_WORD = re.compile(f"(?:{_KINSHIP})")
_KINSHIP_RUN = re.compile(f"(?:{_KINSHIP}){{2,4}}")


def _split_people(start: int, end: int, text: str) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    cursor = start
    for match in _CONJUNCTIONS.finditer(text, start, end):
        parts.append((cursor, match.start()))
        cursor = match.end()
    parts.append((cursor, end))
    parts = [(s, e) for s, e in parts if s < e]
    if any(e - s > 6 for s, e in parts):
        return [(start, end)]
    return parts
