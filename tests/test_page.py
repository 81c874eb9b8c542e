"""`gridbot run` as a newcomer starts it, and its chat page in headless Chromium (Playwright).

The page test needs Debian's chromium (.ci/run installs it). Without it the test is skipped
here, unless GRIDBOT_REQUIRE_BROWSER is set (as .ci/run does), where a missing browser fails.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("GRIDBOT_ARTIFACTS", ROOT / "tests" / "artifacts"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class Gridbot:
    """A `gridbot run` process on the example village and its page address."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(self.url + path, timeout=5) as response:
            return json.loads(response.read())

    def post(self, path: str, body: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def bot_messages(self, group: str) -> list[dict[str, Any]]:
        return [m for m in self.get(f"/api/messages?group={group}") if m["bot"]]


def start_gridbot(tmp: Path) -> Gridbot:
    """The README's main job, on a free port, with its files in `tmp`."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            "--config",
            str(ROOT / "config.example.yaml"),
            "--port",
            "0",
            "--database",
            f"sqlite:///{tmp / 'gridbot.db'}",
            "--data-dir",
            str(tmp / "data"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    for line in process.stdout:
        if "http://" in line:
            url = line[line.index("http://") :].split()[0].rstrip("/")
            break
        if time.monotonic() > deadline:
            break
    else:
        process.kill()
        process.stdout.close()
        raise AssertionError("gridbot run never printed its page address")
    bot = Gridbot(process, url)
    _wait(lambda: bot.get("/api/status")["bot_online"], "the bot to come online")
    return bot


def stop_gridbot(bot: Gridbot) -> int:
    bot.process.send_signal(signal.SIGINT)
    try:
        return bot.process.wait(timeout=20)
    finally:
        if bot.process.stdout is not None:
            bot.process.stdout.close()


@pytest.fixture(scope="module")
def gridbot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gridbot]:
    bot = start_gridbot(tmp_path_factory.mktemp("run"))
    yield bot
    assert stop_gridbot(bot) == 0


def _wait(check: Any, what: str, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = check()
        except OSError:
            result = None
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_repair_posted_through_the_api_is_answered_with_the_officers_mention(
    gridbot: Gridbot,
) -> None:
    gridbot.post("/api/messages", {"group": "g2", "from": "v31", "text": "大棚卷帘机坏了，转不动"})

    reply = _wait(lambda: gridbot.bot_messages("g2"), "the bot's answer in g2")[0]
    assert reply["mentions"] == ["off3"]  # 王建国家's officer, 高秀兰
    assert "@高秀兰" in reply["text"]
    counted = gridbot.get("/api/status")["adapter"]
    assert counted["received"] >= 1 and counted["sent"] >= 1


def test_bad_requests_get_errors_that_name_the_problem(gridbot: Gridbot) -> None:
    for body, expected in (
        ({"group": "g9", "from": "v01", "text": "你好"}, "没有这个群"),
        ({"group": "g1", "from": "nobody", "text": "你好"}, "没有这个人"),
        ({"group": "g1", "from": "v31", "text": "你好"}, "不在"),
        ({"group": "g1", "from": "v01", "text": "   "}, "空消息"),
        ({"group": "g1", "from": "v01", "text": "水" * 100_000}, "太长"),
    ):
        with pytest.raises(urllib.error.HTTPError) as caught:
            gridbot.post("/api/messages", body)
        with caught.value as error:
            assert expected in json.loads(error.read())["error"]


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("GRIDBOT_REQUIRE_BROWSER"),
    reason="Debian's chromium is not installed (.ci/run installs it)",
)
def test_a_villager_types_a_repair_and_sees_the_officer_mentioned(gridbot: Gridbot) -> None:
    from playwright.sync_api import expect, sync_playwright

    assert CHROMIUM is not None, "GRIDBOT_REQUIRE_BROWSER is set but chromium is missing"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(gridbot.url + "/")
        page.select_option("#who", "v01")  # 张德福, 1号楼1单元101, officer 李红
        page.click('.tab[data-group="g1"]')
        page.fill("#input", "卫生间水龙头坏了，一直滴水")
        page.click("#send")

        answer = page.locator(".msg.bot", has_text="报修")
        expect(answer.locator(".mention", has_text="@李红").first).to_be_visible(timeout=15_000)
        expect(page.locator(".ticket", has_text="李红").first).to_be_visible(timeout=10_000)
        page.screenshot(path=str(ARTIFACTS / "simulator-villager.png"))

        page.select_option("#who", "off1")  # now the officer looks
        expect(page.locator(".msg .bubble.mentions-me").first).to_be_visible(timeout=10_000)
        page.fill("#input", "收到")
        page.click("#send")
        expect(page.locator(".msg.bot", has_text="李红 接单").first).to_be_visible(timeout=15_000)

        phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        phone.goto(gridbot.url + "/")
        expect(phone.locator(".msg.bot").first).to_be_visible(timeout=10_000)
        phone.screenshot(path=str(ARTIFACTS / "simulator-phone.png"))
        browser.close()


def test_a_restart_loses_nothing_and_doubles_nothing(tmp_path: Path) -> None:
    first = start_gridbot(tmp_path)
    first.post("/api/messages", {"group": "g1", "from": "v03", "text": "楼道里的灯坏了"})
    _wait(lambda: first.bot_messages("g1"), "the first answer")
    assert stop_gridbot(first) == 0

    second = start_gridbot(tmp_path)
    try:
        history = second.get("/api/messages?group=g1")
        assert [m["text"] for m in history if not m["bot"]] == ["楼道里的灯坏了"]
        time.sleep(1.0)  # nothing is answered twice after the restart
        assert len(second.bot_messages("g1")) == 1
        second.post("/api/messages", {"group": "g1", "from": "v04", "text": "单元门锁坏了"})
        _wait(lambda: len(second.bot_messages("g1")) == 2, "the second answer")
        assert "#2" in second.bot_messages("g1")[1]["text"]
    finally:
        assert stop_gridbot(second) == 0


def test_going_live_on_a_rehearsal_database_starts_clean(tmp_path: Path) -> None:
    transcript = tmp_path / "rehearsal.jsonl"
    transcript.write_text(
        '{"at": "2026-03-02T08:05:00+08:00", "group": "g1", "from": "v01", "text": "家里灯不亮了"}\n',
        encoding="utf-8",
    )
    rehearsal = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "replay",
            "--config",
            str(ROOT / "config.example.yaml"),
            "--database",
            f"sqlite:///{tmp_path / 'gridbot.db'}",
            str(transcript),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"code": 1' in rehearsal.stdout

    live = start_gridbot(tmp_path)
    try:
        live.post("/api/messages", {"group": "g1", "from": "v03", "text": "楼道里的灯坏了"})
        answer = _wait(lambda: live.bot_messages("g1"), "the answer")[0]
        assert "#1" in answer["text"]  # the rehearsal's ticket #1 is gone
        assert live.get("/api/tickets?group=g1")[0]["reporter"] == "v03"
    finally:
        assert stop_gridbot(live) == 0
