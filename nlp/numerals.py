"""Chinese numerals in temperature readings: 三十六度八, 三六点五, 三十七度."""

from __future__ import annotations

from functools import lru_cache

CN_DIGITS = "零〇一二三四五六七八九"


@lru_cache(maxsize=1024)
def chinese_celsius(span: str) -> float | None:
    """The value of a Chinese-numeral reading, or None when the span is not a number.

    "度" doubles as the decimal point in speech (三十六度八 = 36.8); a trailing "度" is a unit.
    """
    # cn2an takes a seventh of a second to import; most runs never meet a Chinese numeral.
    import cn2an

    spoken = span.rstrip("度").replace("半", "五").replace("卅", "三十")  # 卅 is 三十
    if "度" in spoken:
        spoken = spoken.replace("度", "点")
    try:
        value = float(cn2an.cn2an(spoken, "smart"))
    except (ValueError, KeyError, TypeError):
        return None
    return round(value, 1)
