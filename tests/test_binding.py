"""绑定: somebody not on the roster is tied to a household by its officer, and it lasts."""

from __future__ import annotations

from bot.runtime import Runtime
from tests.transcripts import run, say, settings, shared_parser


def test_an_unknown_sender_gets_a_ticket_and_the_officer_is_asked_to_bind_them() -> None:
    result = run([say("08:05", "wx_1", "家里暖气不热了", name="孙小梅")])
    [message] = result.says
    assert message["mentions"][0] == "m_gm"  # unknown senders go to the grid member
    assert "孙小梅 还没绑定住户" in message["text"]
    assert "绑定 @孙小梅 住户名" in message["text"]


def test_a_villager_asks_and_the_households_officer_confirms() -> None:
    result = run(
        [
            say("08:05", "wx_1", "绑定 3号楼2单元501", name="孙小梅"),
            say("08:07", "m_off1", "同意绑定 @孙小梅", mentions=["wx_1"]),
            say("08:20", "wx_1", "家里水管漏水了", name="孙小梅"),
        ]
    )
    asked, bound, ticket = result.in_group()
    assert asked["mentions"] == ["m_off1"]
    assert "孙小梅 申请绑定住户“3号楼2单元501”" in asked["text"]
    assert bound["mentions"] == ["wx_1"]
    assert "已将 @孙小梅 绑定到住户“3号楼2单元501”" in bound["text"]
    # Now the household's officer takes the report, and the message names the household.
    assert ticket["mentions"] == ["m_off1"]
    assert "孙小梅（3号楼2单元501）" in ticket["text"]
    assert "绑定" not in ticket["text"]


def test_an_officer_binds_somebody_directly() -> None:
    result = run(
        [
            say("08:05", "wx_2", "今天天气不错", name="老孙"),
            say("08:06", "m_off2", "绑定 @老孙 老陈家", mentions=["wx_2"]),
            say("08:10", "wx_2", "院子里的灯坏了", name="老孙"),
        ]
    )
    bound, ticket = result.in_group()
    assert "已将 @老孙 绑定到住户“老陈家”" in bound["text"]
    assert ticket["mentions"] == ["m_off2"]


def test_an_officer_cannot_confirm_for_another_officers_household() -> None:
    result = run(
        [
            say("08:05", "wx_1", "绑定 3号楼2单元501", name="孙小梅"),
            say("08:07", "m_off2", "同意绑定 @孙小梅", mentions=["wx_1"]),
        ]
    )
    refusal = result.in_group()[-1]
    assert refusal["mentions"] == ["m_off2"]
    assert "由 @李红 负责" in refusal["text"]


def test_a_villager_cannot_confirm_and_a_wrong_household_is_named() -> None:
    result = run(
        [
            say("08:05", "wx_1", "绑定 9号楼1单元101", name="孙小梅"),
            say("08:06", "m_v2", "同意绑定"),
        ]
    )
    not_found, refused = result.in_group()
    assert "没找到住户“9号楼1单元101”" in not_found["text"]
    assert "例如“绑定 3号楼2单元501”" in not_found["text"]
    assert "工作人员" in refused["text"]


def test_binding_something_else_is_not_a_command() -> None:
    result = run([say("08:05", "m_v1", "绑定银行卡怎么弄")])
    assert all("住户" not in s["text"] for s in result.says)


def test_a_villager_on_the_roster_is_told_where_they_are() -> None:
    result = run([say("08:05", "m_v1", "绑定 老陈家")])
    [reply] = result.says
    assert "花名册上登记的是“3号楼2单元501”" in reply["text"]


def test_a_binding_survives_a_restart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    village = settings({"database": {"url": f"sqlite:///{tmp_path / 'g.db'}"}})
    first = Runtime(village, parser=shared_parser())
    run(
        [
            say("08:05", "wx_1", "绑定 3号楼2单元501", name="孙小梅"),
            say("08:07", "m_off1", "同意绑定", mentions=[]),
        ],
        runtime=first,
    )
    first.close()

    again = Runtime(village, parser=shared_parser())
    assert again.roster.household_of("wx_1", "g1") is not None
    assert again.roster.name("wx_1") == "孙小梅"
