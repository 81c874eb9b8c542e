"""Normalization: width, script, WeChat markup; the sender's own characters are kept."""

from __future__ import annotations

import opencc
import pytest

from nlp.normalize import _NOISE, _SPACES, MAX_PARSE_CHARS, normalize

T2S = opencc.OpenCC("t2s").convert


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("３６．８", "36.8"),
        ("3號樓王大爺36.5", "3号楼王大爷36.5"),
        ("樓道裡一股煤氣味 很衝", "楼道里一股煤气味 很冲"),
        ("  好的\n\n谢谢  ", "好的 谢谢"),
        ("新房子的WIFI連不上", "新房子的wifi连不上"),
        ("书记辛苦了[玫瑰][玫瑰][玫瑰]", "书记辛苦了"),
        ("好嘞👌", "好嘞"),
        ("a\x00b\u200bc", "a b c"),
        ("屋企冇水 水喉爆咗 快啲搵人睇下", "家里没水 水喉爆了 快点找人看下"),
        ("佢喺度唔舒服", "他在度不舒服"),
        ("讲闲话也讲勿清爽", "讲闲话也讲不清爽"),
        # Southwestern Mandarin: 屋头 (at home), 莫得 (there is no), the passive 遭, 莫 (don't)
        ("屋头莫得水了 咋个办", "家里没有水了 怎么办"),
        ("遭了 我老汉儿遭蛇咬了 莫紧张", "遭了 我老父亲被蛇咬了 别紧张"),
        ("去年遭了火灾 遭罪", "去年遭了火灾 遭罪"),
        # Voice-to-text homophones: 拉鸡 for 垃圾, 税管 for 水管, 正长 for 正常
        ("门口那个拉鸡桶叫人弄翻了", "门口那个垃圾桶叫人弄翻了"),
        ("大伙把税管包好了 提问都正长", "大伙把水管包好了 提问都正常"),
    ],
)
def test_canonical_text(raw: str, text: str) -> None:
    assert normalize(raw, T2S).text == text


def test_written_keeps_the_senders_characters_aligned_with_text() -> None:
    norm = normalize("3號樓王大爺36.5", T2S)
    assert norm.written == "3號樓王大爺36.5"
    assert len(norm.written) == len(norm.text)


def test_mentions_with_u2005_are_removed_and_kept() -> None:
    norm = normalize("@网格员小王\u2005厨房水管接口滴水", T2S)
    assert norm.text == "厨房水管接口滴水"
    assert norm.markup.mentions == ("网格员小王",)


def test_mention_all_is_flagged() -> None:
    norm = normalize("体温都报了吗 @所有人", T2S)
    assert norm.markup.mentions_all


def test_reply_prefix_is_stripped() -> None:
    norm = normalize("回复 @张书记：好的 马上去", T2S)
    assert norm.text == "好的 马上去"
    assert norm.markup.reply_to == "张书记"


def test_quote_block_keeps_only_the_reply() -> None:
    raw = "「王大娘：楼道灯不亮了」\n- - - - - - - - - - - - - - -\n我去看看"
    norm = normalize(raw, T2S)
    assert norm.text == "我去看看"
    assert norm.markup.quoted == "王大娘：楼道灯不亮了"


def test_inline_quote_is_set_aside_when_there_are_other_words() -> None:
    norm = normalize("他们都在转「明天停水」 是真的吗", T2S)
    assert "停水" not in norm.text
    assert norm.markup.quoted == "明天停水"


def test_xml_card_becomes_its_title_and_description() -> None:
    raw = (
        '<?xml version="1.0"?><msg><appmsg><title>夏季防溺水安全提示</title>'
        "<des><![CDATA[家长们一定要看好孩子]]></des><url>http://x</url></appmsg></msg>"
    )
    norm = normalize(raw, T2S)
    assert norm.markup.card
    assert norm.text == "夏季防溺水安全提示 家长们一定要看好孩子"


@pytest.mark.parametrize(
    ("raw", "comment"),
    [
        (
            "<msg><appmsg><title>危房改造补助政策解读</title><url>http://x</url></appmsg></msg>"
            " 俺家那老房子能申请不",
            "俺家那老房子能申请不",
        ),
        (
            "大家看看这个\n<msg><appmsg><title>冬季取暖 谨防一氧化碳中毒</title>"
            "<des>安全提示</des></appmsg></msg>",
            "大家看看这个",
        ),
    ],
)
def test_a_comment_beside_a_card_is_the_senders_words(raw: str, comment: str) -> None:
    # Before, a comment after the card was dropped, and the card's "notice" cue hid the request.
    norm = normalize(raw, T2S)
    assert norm.markup.card and norm.markup.commented
    assert norm.text == comment
    assert "http" not in norm.markup.quoted


def test_long_messages_are_truncated_but_kept_whole() -> None:
    raw = "水" * (MAX_PARSE_CHARS + 10)
    norm = normalize(raw, T2S)
    assert norm.truncated
    assert norm.original == raw
    assert len(norm.text) == MAX_PARSE_CHARS


def test_the_printable_fast_path_misses_no_noise_and_no_whitespace() -> None:
    # normalize() skips both substitutions for printable text; that is only right while every
    # noise character except U+FFFD, and every whitespace character except " ", is unprintable.
    printable_noise = [
        hex(c) for c in range(0x110000) if _NOISE.match(chr(c)) and chr(c).isprintable()
    ]
    printable_space = [
        hex(c) for c in range(0x110000) if _SPACES.match(chr(c)) and chr(c).isprintable()
    ]
    assert printable_noise == ["0xfffd"]
    assert printable_space == ["0x20"]
