"""`gridbot run` on the example village: start-up to a ready page, answer latency, memory.

    python bench/run_bench.py [--runs 3] [--messages 6]

Each run starts `gridbot run --port 0` on a fresh database (what the README's first command
does), times it until the page answers and the bot is online, posts repair requests through
`POST /api/messages` (one at a time, each to a different household, waiting out the group send
interval) and times each until the bot's answer mentioning the officer is in the group. Memory
is the process's resident set (VmRSS) once the messages are answered and its peak (VmHWM).
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# (group, sender, officer): households of four different officers, twice round.
REQUESTS = [
    ("g1", "v01", "off1", "家里的水龙头坏了，关不上"),
    ("g2", "v31", "off3", "大棚卷帘机坏了，转不动"),
    ("g1", "v17", "off2", "楼道灯坏了好几天了"),
    ("g2", "v48", "off4", "院子里的自来水管冻裂了"),
    ("g1", "v07", "off1", "单元门的锁坏了，关不上"),
    ("g2", "v37", "off3", "家里电闸老跳，灯不亮"),
]


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def _post(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        url,
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def _memory(pid: int) -> tuple[float, float]:
    fields = dict(
        line.split(":", 1)
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if ":" in line
    )
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def one_run(messages: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        began = time.monotonic()
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
                f"sqlite:///{tmp}/gridbot.db",
                "--data-dir",
                f"{tmp}/data",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        url = ""
        for line in process.stdout:
            if "http://" in line:
                url = line[line.index("http://") :].split()[0].rstrip("/")
                break
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=5) as page:
                    page.read()
                if _get(url + "/api/status")["bot_online"]:
                    break
            except OSError:
                pass
            time.sleep(0.02)
        ready = time.monotonic() - began
        latencies = []
        for group, sender, officer, text in REQUESTS[:messages]:
            seen = len(_get(f"{url}/api/messages?group={group}"))
            sent = time.monotonic()
            _post(url + "/api/messages", {"group": group, "from": sender, "text": text})
            while True:
                new = _get(f"{url}/api/messages?group={group}&after={seen}")
                if any(m["bot"] and officer in m["mentions"] for m in new):
                    break
                time.sleep(0.01)
            latencies.append(time.monotonic() - sent)
            time.sleep(3.2)  # the group send interval: each answer is timed on its own
        rss, peak = _memory(process.pid)
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
        process.stdout.close()
        return {
            "ready_s": ready,
            "latency_s": latencies,
            "rss_mb": rss,
            "peak_mb": peak,
            "exit": code,
        }


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=3)
    options.add_argument("--messages", type=int, default=len(REQUESTS))
    args = options.parse_args()
    runs = [one_run(args.messages) for _ in range(args.runs)]
    latencies = [x for run in runs for x in run["latency_s"]]
    print(f"runs: {args.runs}, requests answered: {len(latencies)}")
    print("start-up to ready page: " + ", ".join(f"{r['ready_s']:.2f} s" for r in runs))
    print(
        f"answer latency: median {statistics.median(latencies) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms"
    )
    print(
        "memory (RSS / peak): "
        + ", ".join(f"{r['rss_mb']:.0f} / {r['peak_mb']:.0f} MB" for r in runs)
    )
    print("exit codes after Ctrl-C: " + ", ".join(str(r["exit"]) for r in runs))


if __name__ == "__main__":
    main()
