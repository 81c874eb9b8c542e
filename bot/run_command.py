"""`gridbot run`: the bot on a real puppet service, or on the built-in simulator with its page."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
import time
from dataclasses import asdict
from pathlib import Path

from aiohttp import web

from bot.config import load_settings
from bot.live import LiveBot
from bot.runtime import Runtime
from bot.simulator.puppet import PuppetServer
from bot.simulator.web import build_app
from bot.simulator.world import World
from handlers.settings import Settings
from nlp.yamlfile import ConfigError

log = logging.getLogger("gridbot")


def run_live(args: argparse.Namespace) -> int:
    """The CLI entry: exit 0 after Ctrl-C, 2 for a bad config, 1 when it cannot start."""
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("wechaty", "wechaty_puppet", "wechaty_puppet_service", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        sys.stderr.write(f"gridbot run: {exc}\n")
        return 2
    try:
        return asyncio.run(serve(settings, args))
    except OSError as exc:
        sys.stderr.write(f"gridbot run: cannot start: {exc}\n")
        return 1


async def serve(settings: Settings, args: argparse.Namespace) -> int:
    """Run until SIGINT or SIGTERM, then shut down cleanly."""
    began = time.monotonic()
    data_dir = Path(args.data_dir)
    runtime = Runtime(settings, database_url=args.database)
    endpoint, token = settings.wechaty.endpoint, settings.wechaty.token
    puppet: PuppetServer | None = None
    world: World | None = None
    if not endpoint:
        world = World(settings, history=data_dir / "simulator.jsonl")
        puppet = PuppetServer(world)
        await puppet.start()
        endpoint, token = puppet.endpoint, "gridbot-simulator"
    bot = LiveBot(runtime, endpoint=endpoint, token=token, cache_dir=data_dir / "wechaty")
    await bot.start()
    runner: web.AppRunner | None = None
    if world is not None:
        app = build_app(
            world,
            tickets=bot.open_tickets,
            online=bot.adapter.online.is_set,
            village=settings.village,
            zone=settings.zone,
            stats=lambda: asdict(bot.adapter.stats),
        )
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, args.host, args.port)
        await site.start()
        port = runner.addresses[0][1]
        _say(
            f"gridbot 已启动（模拟器）：在浏览器打开 http://{_shown(args.host)}:{port}/ "
            f"（{time.monotonic() - began:.1f} 秒）。按 Ctrl-C 退出。"
        )
    else:
        _say(f"gridbot 已启动：连接微信服务 {endpoint}。按 Ctrl-C 退出。")
    await _until_signalled()
    _say("gridbot 正在退出…")
    await bot.stop()
    if runner is not None:
        await runner.cleanup()
    if puppet is not None:
        await puppet.stop()
    runtime.close()
    return 0


async def _until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _shown(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "") else host
