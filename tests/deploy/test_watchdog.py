"""The kiosk tells systemd it is up, and keeps telling it from the UI's event loop.

systemd restarts `kiosk.service` when the pings stop for `WatchdogSec=`, so they must stop
when the event loop is stuck, and never start at all when systemd did not ask for them.
"""

from __future__ import annotations

import socket

import pytest

from kiosk import sd_notify
from kiosk.ui import watchdog as watchdog_module
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import make_app

# 0.2 s watchdog -> a ping every 0.1 s: short enough to keep the test fast.
WATCHDOG_USEC = "200000"
PING_INTERVAL = 0.1


def drain(sock: socket.socket) -> list[str]:
    """Every message waiting on the socket, without blocking."""
    messages = []
    while True:
        try:
            messages.append(sock.recv(4096).decode())
        except BlockingIOError:
            return messages


async def test_ready_after_welcome_then_periodic_pings(context, notify_socket, monkeypatch):
    monkeypatch.setenv("WATCHDOG_USEC", WATCHDOG_USEC)
    screens_at_ready: list[str] = []
    real_ready = watchdog_module.sd_notify.ready

    def spy_ready(status: str = "") -> bool:
        screens_at_ready.append(type(app.screen).__name__)
        return real_ready(status)

    monkeypatch.setattr(watchdog_module.sd_notify, "ready", spy_ready)
    app = make_app(context)
    async with app.run_test() as pilot:
        await pilot.pause(PING_INTERVAL * 5)
        messages = drain(notify_socket)
    assert screens_at_ready == [WelcomeScreen.__name__]
    assert messages, "nothing reached NOTIFY_SOCKET"
    assert messages[0].splitlines()[0] == "READY=1"
    assert messages[1:].count("WATCHDOG=1") >= 2, f"expected periodic WATCHDOG=1: {messages}"
    assert set(messages[1:]) == {"WATCHDOG=1"}


async def test_pings_stop_while_event_loop_blocked_and_resume(context, notify_socket, monkeypatch):
    monkeypatch.setenv("WATCHDOG_USEC", WATCHDOG_USEC)
    app = make_app(context)
    async with app.run_test() as pilot:
        await pilot.pause(PING_INTERVAL * 3)
        assert "WATCHDOG=1" in drain(notify_socket)

        # This test body runs on the app's own event loop, so a blocking receive here is a
        # hung UI: while it waits (five ping intervals), nothing may arrive.
        notify_socket.setblocking(True)
        notify_socket.settimeout(PING_INTERVAL * 5)
        with pytest.raises(TimeoutError):
            notify_socket.recv(4096)
        notify_socket.setblocking(False)

        await pilot.pause(PING_INTERVAL * 6)
        assert "WATCHDOG=1" in drain(notify_socket), "pings did not resume after the hang"


async def test_ready_but_no_pings_without_watchdog_usec(context, notify_socket):
    app = make_app(context)
    async with app.run_test() as pilot:
        await pilot.pause(PING_INTERVAL * 4)
        assert [m.splitlines()[0] for m in drain(notify_socket)] == ["READY=1"]


async def test_abstract_socket_address(context, abstract_socket, monkeypatch):
    monkeypatch.setenv("WATCHDOG_USEC", WATCHDOG_USEC)
    app = make_app(context)
    async with app.run_test() as pilot:
        await pilot.pause(PING_INTERVAL * 3)
        messages = drain(abstract_socket)
    assert messages[0].startswith("READY=1")
    assert "WATCHDOG=1" in messages


async def test_nothing_sent_or_scheduled_outside_systemd(context, monkeypatch):
    monkeypatch.setenv("WATCHDOG_USEC", WATCHDOG_USEC)  # a stray value alone must not matter
    sent: list[str] = []
    real_socket = socket.socket

    def spy(*args, **kwargs):
        sent.append("socket opened")
        return real_socket(*args, **kwargs)

    monkeypatch.setattr(sd_notify.socket, "socket", spy)
    app = make_app(context)
    async with app.run_test() as pilot:
        await pilot.pause(PING_INTERVAL * 3)
    assert sent == []


def test_watchdog_interval_is_half_the_timeout():
    env = {"NOTIFY_SOCKET": "/run/systemd/notify", "WATCHDOG_USEC": "30000000"}
    assert sd_notify.watchdog_interval(env) == 15.0
    assert sd_notify.watchdog_interval({**env, "WATCHDOG_USEC": "0"}) is None
    assert sd_notify.watchdog_interval({**env, "WATCHDOG_USEC": "soon"}) is None
    assert sd_notify.watchdog_interval({"WATCHDOG_USEC": "30000000"}) is None


def test_notify_addresses():
    assert sd_notify.notify_address({"NOTIFY_SOCKET": "@sd-notify"}) == b"\0sd-notify"
    assert sd_notify.notify_address({"NOTIFY_SOCKET": "/run/systemd/notify"}) == (
        "/run/systemd/notify"
    )
    assert sd_notify.notify_address({}) is None
    assert sd_notify.notify_address({"NOTIFY_SOCKET": "vsock:2:1234"}) is None


def test_notify_to_a_vanished_socket_is_harmless(tmp_path):
    gone = {"NOTIFY_SOCKET": str(tmp_path / "no-such.sock")}
    assert sd_notify.notify("WATCHDOG=1", gone) is False
