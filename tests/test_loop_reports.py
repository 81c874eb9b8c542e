"""Transcripts: temperature reports, rounds, points commands, send limits, quiet hours, restarts."""

from __future__ import annotations

from bot.runtime import Runtime
from tests.transcripts import run, say, settings, shared_parser, tick


def test_temperature_reports_get_no_reply_but_a_fever_alerts_staff() -> None:
    result = run([say("08:05", "m_v1", "我36.5 老伴36.6"), say("08:06", "m_v2", "孩子37.8 有点烧")])
    [alert] = result.says
    assert set(alert["mentions"]) == {"m_gm", "m_sec"}
    assert "37.8" in alert["text"] and "孩子" in alert["text"]
    assert result.summary["tickets"] == []


def test_round_lists_missing_households_per_officer_with_care_marked() -> None:
    result = run([say("08:05", "m_v2", "全家体温正常"), tick("10:01")])
    # One message per group at the round; the governor merges the officers' lines into it.
    [roll_call] = [s for s in result.in_group() if "体温收集" in s["text"]]
    assert roll_call["at"].endswith("10:00:00+08:00") and set(roll_call["mentions"]) == {
        "m_off1",
        "m_off2",
    }
    line_off1 = next(line for line in roll_call["text"].splitlines() if "@李红" in line)
    assert "3号楼2单元501（需上门）" in line_off1 and "502" not in line_off1
    assert "老陈家" in roll_call["text"]


def test_complete_round_earns_a_point() -> None:
    result = run([say("08:05", "m_v3", "36.5"), tick("10:01")])
    assert result.summary["points"]["m_off2"] == 1


def test_points_and_leaderboard_address_the_sender() -> None:
    result = run(
        [
            say("08:05", "m_v1", "家里灯不亮了"),
            say("08:06", "m_off1", "收到"),
            say("08:07", "m_off1", "积分"),
            say("08:08", "m_off2", "积分排行"),
            say("08:09", "m_v1", "积分"),
        ]
    )
    mine, board, villager = result.in_group()[-3:]
    assert mine["mentions"] == ["m_off1"] and "2" in mine["text"] and "按时接单" in mine["text"]
    assert board["mentions"] == ["m_off2"] and board["text"].index("李红") < board["text"].index(
        "周强"
    )
    assert villager["mentions"] == ["m_v1"] and "村民" in villager["text"]


def test_private_command_gets_a_private_reply() -> None:
    result = run([say("08:05", "m_off1", "积分", group=None)])
    assert result.private("m_off1")


def test_tickets_command_lists_open_tickets_for_the_secretary() -> None:
    result = run(
        [
            say("08:05", "m_v1", "家里灯不亮了"),
            say("08:06", "m_v3", "水管漏水了"),
            say("08:07", "m_sec", "工单"),
        ]
    )
    listing = result.in_group()[-1]
    assert "#1" in listing["text"] and "#2" in listing["text"] and listing["mentions"] == ["m_sec"]


def test_help_depends_on_the_role() -> None:
    result = run([say("08:05", "m_v1", "帮助"), say("08:06", "m_sec", "帮助")])
    assert "转办" not in result.says[0]["text"] and "转办" in result.says[1]["text"]


def test_send_limits_space_messages_in_one_group() -> None:
    lines = [
        say("08:05", f"m_v{n}", text)
        for n, text in ((1, "家里灯不亮了"), (2, "水管漏水了"), (3, "门锁坏了"))
    ]
    result = run(lines)
    times = [s["at"] for s in result.in_group()]
    assert len(set(times)) == len(times)


def test_quiet_hours_hold_reminders_until_morning() -> None:
    result = run([say("23:00", "m_v1", "家里灯不亮了"), tick("03 08:00")])
    reminders = [s for s in result.says if "提醒" in s["text"]]
    assert reminders and reminders[0]["at"].startswith("2026-03-03T07:00")


def test_urgent_reminders_ignore_quiet_hours() -> None:
    result = run([say("23:00", "m_v1", "家里着火了 快来人"), tick("03 08:00")])
    reminders = [s for s in result.says if "提醒" in s["text"]]
    assert reminders and reminders[0]["at"].startswith("2026-03-02T23:05")


def test_a_restart_loses_nothing_and_doubles_nothing(tmp_path: object) -> None:
    village = settings({"database": {"url": f"sqlite:///{tmp_path}/grid.db"}})
    first = run(
        [say("08:05", "m_v1", "家里灯不亮了", id="a")],
        runtime=Runtime(village, parser=shared_parser()),
    )
    again = run(
        [say("08:05", "m_v1", "家里灯不亮了", id="a"), say("08:10", "m_off1", "收到", id="b")],
        runtime=Runtime(village, parser=shared_parser()),
    )
    assert len(first.summary["tickets"]) == 1 and len(again.summary["tickets"]) == 1
    assert again.ticket(1)["status"] == "acknowledged"


def test_daily_digest_goes_privately_to_the_secretary() -> None:
    result = run(
        [say("08:05", "m_v1", "家里灯不亮了"), say("08:06", "m_v2", "孩子37.9"), tick("20:01")]
    )
    [digest] = [s for s in result.private("m_sec") if "日报" in s["text"]]
    assert "新增工单 1 张" in digest["text"] and "发烧 1 人" in digest["text"]


def test_a_bad_transcript_line_is_reported_and_skipped() -> None:
    result = run(
        [
            say("08:05", "m_v1", "家里灯不亮了"),
            {"at": "not a time"},
            say("08:06", "m_v3", "水管漏水了"),
        ]
    )
    assert "line 2" in result.errors
    assert len(result.summary["tickets"]) == 2


def test_a_private_report_opens_a_ticket_in_the_home_group_and_confirms_privately() -> None:
    result = run([say("08:05", "m_v1", "家里灯不亮了", group=None)])
    assert result.ticket(1)["group"] == "g1"
    assert result.in_group()[0]["mentions"] == ["m_off1"]
    assert "立单" in result.private("m_v1")[0]["text"]
