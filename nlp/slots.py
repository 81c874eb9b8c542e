"""Details a ticket needs: where (address), who (the person concerned) and a phone number."""

from __future__ import annotations

import re
from typing import NamedTuple

_NUM = r"(?:\d{1,4}|[一二三四五六七八九十两]{1,3})"
_ADDRESS = re.compile(
    rf"(?:[\u4e00-\u9fff]{{2,6}}(?:小区|家园|花园|新村|社区|苑)\s?)?"
    rf"(?:{_NUM}\s?(?:号楼|栋|幢|号院|排))\s?(?:{_NUM}\s?单元)?\s?(?:{_NUM}\s?(?:室|号|户))?(?:\d{{3,4}}(?!\d))?"
    rf"|{_NUM}\s?单元\s?(?:\d{{3,4}}(?!\d)|{_NUM}\s?室)?"
    rf"|(?:第?{_NUM}\s?(?:组|队|网格))"
    rf"|[\u4e00-\u9fff]{{1,4}}(?:街|路|巷|胡同)(?:{_NUM}号)?"
    rf"|村(?:东|西|南|北)头|(?:东|西|南|北|前|后)街"
)
# Every address above holds one of these characters; most messages hold none and skip the search.
_ADDRESS_CHARS = frozenset("楼栋幢院排单组队网街路巷胡头")
# Mobile numbers (with optional +86 and separators) and landlines with an area code.
_PHONE = re.compile(
    r"(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d[\s-]?\d{4}[\s-]?\d{4})(?!\d)|(?<!\d)(0\d{2,3}-\d{7,8})(?!\d)"
)
# Every phone number above holds three digits in a row.
_THREE_DIGITS = re.compile(r"\d\d\d")
_KIN = (
    "老伴|爱人|媳妇|老婆|老公|丈夫|对象|婆婆|公公|丈母娘|老丈人|儿子|闺女|女儿|孩子|小孩|孙子|孙女|"
    "外孙|娘|妈|爹|爸|爷爷|奶奶|姥姥|姥爷|外婆|外公|老头子|老太太|那口子|兄弟|哥|姐|弟|妹"
)
_TITLE = "大爷|大娘|奶奶|爷爷|大妈|大伯|大婶|婶|叔|姨|老汉|老太|老师|师傅|嫂子"
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
_PERSON = re.compile(
    rf"(?:[我俺咱]家?(?:的)?)(?:{_KIN})"
    rf"|[{_SURNAMES}](?:{_TITLE})"
    rf"|老[{_SURNAMES}](?:家(?:的)?(?:{_KIN})?|头)?"
    rf"|(?:孤寡|独居|留守|瘫痪|残疾)(?:老人|儿童|老太太|老大爷)"
)


class Slots(NamedTuple):
    """What a ticket needs beyond its kind; every field is as written, "" when absent."""

    address: str = ""
    person: str = ""
    phone: str = ""

    @property
    def masked_phone(self) -> str:
        """The phone number as it may be shown to others: 138****5678."""
        return mask_phone(self.phone)


NO_SLOTS = Slots()


def extract_slots(text: str, written: str) -> Slots:
    """Find the address, person and phone number; spans found in `text` are copied from `written`."""
    return Slots(
        address="" if _ADDRESS_CHARS.isdisjoint(text) else _first(_ADDRESS, text, written).strip(),
        person=_first(_PERSON, text, written),
        phone=_phone(text),
    )


def mask_phone(phone: str) -> str:
    """Keep the first three and the last four digits of a phone number."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


def mask_phones(text: str) -> str:
    """The text with every phone number masked, for showing to other people."""
    return _PHONE.sub(lambda m: mask_phone(m.group(0)), text)


def _first(pattern: re.Pattern[str], text: str, written: str) -> str:
    match = pattern.search(text)
    return written[match.start() : match.end()] if match else ""


def _phone(text: str) -> str:
    match = _PHONE.search(text) if _THREE_DIGITS.search(text) else None
    if not match:
        return ""
    return re.sub(r"[\s-]", "", match.group(1) or "") or match.group(2)
