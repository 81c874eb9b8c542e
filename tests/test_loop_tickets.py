"""Transcripts: a request becomes a ticket and goes round the loop (contracts/replay.md)."""

from __future__ import annotations

from tests.transcripts import run, say, tick


def test_new_ticket_is_announced_once_with_its_code_and_the_officer_mentioned() -> None:
    result = run([say("08:05", "m_v1", "家里灯不亮了")])
    [message] = result.says
    assert message["group"] == "g1"
    assert "#1" in message["text"]
    assert message["mentions"] == ["m_off1"]
    assert result.ticket(1) | {} == {
        "group": "g1",
        "code": 1,
        "kind": "repair",
        "status": "open",
        "reporter": "m_v1",
        "assignee": "m_off1",
        "urgent": False,
        "escalated": False,
    }


def test_chit_chat_gets_no_reply_and_no_ticket() -> None:
    result = run(
        [
            say("08:05", "m_v1", "早上好[太阳]"),
            say("08:06", "m_v2", "收到"),
            say("08:07", "m_v3", "满意"),
        ]
    )
    assert result.says == []
    assert result.summary["tickets"] == []


def test_full_loop_ack_resolve_rate_with_points() -> None:
    result = run(
        [
            say("08:05", "m_v1", "家里灯不亮了"),
            say("08:10", "m_off1", "收到"),
            say("09:00", "m_off1", "已办结 #1"),
            say("09:05", "m_v1", "满意"),
        ]
    )
    texts = [s["text"] for s in result.in_group()]
    assert any("接单" in t for t in texts)
    rating_prompt = next(s for s in result.in_group() if "满意" in s["text"] and "#1" in s["text"])
    assert rating_prompt["mentions"] == ["m_v1"]
    assert result.ticket(1)["status"] == "closed"
    assert result.summary["points"]["m_off1"] == 2 + 3 + 2


def test_unsatisfied_reopens_and_costs_points() -> None:
    result = run(
        [
            say("08:05", "m_v1", "家里灯不亮了"),
            say("08:10", "m_off1", "收到 #1"),
            say("09:00", "m_off1", "办好了 #1"),
            say("09:05", "m_v1", "不满意"),
        ]
    )
    assert result.ticket(1)["status"] == "open"
    assert result.summary["points"]["m_off1"] == 2 + 3 - 2
    assert result.in_group()[-1]["mentions"] == ["m_off1"]


def test_escalation_ladder_reminder_then_secretary_then_overdue() -> None:
    result = run([say("08:05", "m_v1", "家里灯不亮了"), tick("04 09:00")])
    reminder, escalation = result.in_group()[1], result.in_group()[2]
    assert reminder["at"].endswith("08:35:00+08:00") and reminder["mentions"] == ["m_off1"]
    assert escalation["at"].endswith("09:05:00+08:00") and escalation["mentions"] == ["m_sec"]
    assert result.private("m_sec")[0]["at"].endswith("09:05:00+08:00")
    overdue = [s for s in result.in_group() if "小时未办结" in s["text"]]
    assert overdue and overdue[0]["at"].startswith("2026-03-04T08:05")
    assert result.ticket(1)["escalated"] is True
    assert result.summary["points"]["m_off1"] == -1 - 3


def test_unrated_ticket_closes_by_itself() -> None:
    result = run(
        [
            say("08:05", "m_v1", "家里灯不亮了"),
            say("08:10", "m_off1", "收到"),
            say("09:00", "m_off1", "已办结"),
            tick("04 09:00"),
        ]
    )
    assert result.ticket(1)["status"] == "closed"


def test_assist_goes_to_the_secretary_and_costs_nothing() -> None:
    result = run(
        [
            say("08:05", "m_v1", "家里灯不亮了"),
            say("08:10", "m_off1", "收到"),
            say("08:20", "m_off1", "协办 #1"),
        ]
    )
    assert result.ticket(1)["escalated"] is True
    assert result.private("m_sec")
    assert result.summary["points"]["m_off1"] == 2


def test_a_villager_may_not_resolve_and_is_told_why() -> None:
    result = run([say("08:05", "m_v1", "家里灯不亮了"), say("08:06", "m_v2", "已办结 #1")])
    refusal = result.in_group()[-1]
    assert refusal["mentions"] == ["m_v2"] and "不是派给您" in refusal["text"]
    assert result.ticket(1)["status"] == "open"


def test_only_the_secretary_reassigns() -> None:
    result = run(
        [
            say("08:05", "m_v1", "家里灯不亮了"),
            say("08:06", "m_off1", "转办 #1 @周强", mentions=["m_off2"]),
            say("08:07", "m_sec", "转办 #1 @周强", mentions=["m_off2"]),
        ]
    )
    assert "只有书记" in result.in_group()[1]["text"]
    assert result.ticket(1)["assignee"] == "m_off2"
    assert result.in_group()[-1]["mentions"] == ["m_off2"]


def test_duplicate_delivery_changes_nothing() -> None:
    line = say("08:05", "m_v1", "家里灯不亮了", id="wx-1")
    result = run([line, line | {"at": "2026-03-02T08:06:00+08:00"}])
    assert len(result.summary["tickets"]) == 1
    assert len(result.says) == 1


def test_urgent_alerts_the_assignee_and_the_secretary_at_once() -> None:
    result = run([say("08:05", "m_v1", "楼道里一股煤气味 很冲 快来人")])
    group = result.in_group()[0]
    assert set(group["mentions"]) == {"m_off1", "m_sec"} and group.get("urgent")
    assert result.private("m_sec")[0]["at"].endswith("08:05:00+08:00")
    assert result.ticket(1)["urgent"] is True


def test_illness_is_routed_to_the_grid_member() -> None:
    result = run([say("08:05", "m_v1", "俺娘高血压犯了 头晕得厉害 村医在家吗")])
    assert result.ticket(1)["assignee"] == "m_gm"


def test_unknown_sender_still_gets_a_ticket_routed_to_the_grid_member() -> None:
    result = run([say("08:05", "stranger", "村口路灯坏了好几天了")])
    assert result.ticket(1)["assignee"] == "m_gm"
    assert "绑定" in result.says[0]["text"]


def test_traditional_script_report() -> None:
    result = run([say("08:05", "m_v3", "樓道裡的燈壞了 晚上黑咕隆咚的")])
    assert result.ticket(1)["kind"] == "repair" and result.ticket(1)["assignee"] == "m_off2"


def test_codes_are_per_group() -> None:
    result = run(
        [say("08:05", "m_v1", "家里灯不亮了"), say("08:06", "m_v4", "水管漏水了", group="g2")]
    )
    assert result.ticket(1, "g1")["assignee"] == "m_off1"
    assert result.ticket(1, "g2")["assignee"] == "m_off3"


def test_bare_ack_needs_exactly_one_open_ticket() -> None:
    result = run(
        [
            say("08:05", "m_v1", "家里灯不亮了"),
            say("08:06", "m_v2", "水管漏水了"),
            say("08:07", "m_off1", "收到"),
        ]
    )
    assert "#1" in result.in_group()[-1]["text"] and "#2" in result.in_group()[-1]["text"]
    assert result.ticket(1)["status"] == "open"


def test_the_bot_ignores_itself_and_broadcasts() -> None:
    result = run(
        [say("08:05", "bot", "家里灯不亮了"), say("08:06", "m_sec", "@所有人 明天停水 水管检修")]
    )
    assert result.says == [] and result.summary["tickets"] == []
