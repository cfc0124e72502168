"""A finger on the touchscreen, for a compositor whose seat has no pointer.

sway's headless backend has no input devices, and `swaymsg seat ... cursor press` does nothing
without a pointer. A client of wlr-virtual-pointer-unstable-v1 (supported by sway 1.7) adds
one: this speaks the Wayland wire protocol over the compositor's unix socket, with nothing
but the standard library, and sends an absolute move, a left-button press and release.

Wire format (wayland.freedesktop.org/docs/html/ch04.html): each message is the object id
(uint32), then the size in bytes in the high 16 bits and the opcode in the low 16, then the
arguments, each padded to 4 bytes; strings are a length (with the NUL) and the bytes.
"""

from __future__ import annotations

import os
import select
import socket
import struct
import time
from pathlib import Path

DISPLAY_ID = 1
# wl_display requests and events
SYNC, GET_REGISTRY = 0, 1
ERROR_EVENT = 0
# wl_registry
BIND = 0
GLOBAL_EVENT = 0
# zwlr_virtual_pointer_manager_v1
CREATE_VIRTUAL_POINTER = 0
# zwlr_virtual_pointer_v1
MOTION_ABSOLUTE, BUTTON, FRAME, DESTROY = 1, 2, 4, 8
BTN_LEFT = 0x110  # linux/input-event-codes.h
PRESSED, RELEASED = 1, 0
MANAGER = "zwlr_virtual_pointer_manager_v1"


class WaylandError(RuntimeError):
    pass


def _string(text: str) -> bytes:
    data = text.encode() + b"\0"
    return struct.pack("<I", len(data)) + data + b"\0" * (-len(data) % 4)


class VirtualPointer:
    """One connection to the compositor holding one virtual pointer."""

    def __init__(self, socket_path: Path, timeout: float = 10) -> None:
        self.timeout = timeout
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(str(socket_path))
        self.buffer = b""
        self.next_id = 2
        self.globals: dict[str, tuple[int, int]] = {}  # interface -> (name, version)
        self.registry = self._new_id()
        self._send(DISPLAY_ID, GET_REGISTRY, struct.pack("<I", self.registry))
        self.roundtrip()
        if MANAGER not in self.globals:
            raise WaylandError(f"the compositor does not offer {MANAGER}")
        name, _ = self.globals[MANAGER]
        self.manager = self._new_id()
        self._send(
            self.registry,
            BIND,
            struct.pack("<I", name) + _string(MANAGER) + struct.pack("<II", 1, self.manager),
        )
        self.pointer = self._new_id()
        # seat 0 (null): the compositor's default seat.
        self._send(self.manager, CREATE_VIRTUAL_POINTER, struct.pack("<II", 0, self.pointer))
        self.roundtrip()

    def _new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _send(self, object_id: int, opcode: int, args: bytes = b"") -> None:
        size = 8 + len(args)
        self.sock.sendall(struct.pack("<II", object_id, (size << 16) | opcode) + args)

    def roundtrip(self) -> None:
        """Until the compositor has handled every request sent so far (wl_display.sync)."""
        callback = self._new_id()
        self._send(DISPLAY_ID, SYNC, struct.pack("<I", callback))
        end = time.monotonic() + self.timeout
        while True:
            for object_id, opcode, body in self._events(end):
                if object_id == callback:
                    return  # wl_callback.done
                if object_id == DISPLAY_ID and opcode == ERROR_EVENT:
                    bad, code = struct.unpack_from("<II", body)
                    (length,) = struct.unpack_from("<I", body, 8)
                    message = body[12 : 12 + length - 1].decode(errors="replace")
                    raise WaylandError(f"protocol error on object {bad} ({code}): {message}")
                if object_id == self.registry and opcode == GLOBAL_EVENT:
                    name, length = struct.unpack_from("<II", body)
                    interface = body[8 : 8 + length - 1].decode()
                    (version,) = struct.unpack_from("<I", body, 8 + length + (-length % 4))
                    self.globals[interface] = (name, version)

    def _events(self, end: float) -> list[tuple[int, int, bytes]]:
        remaining = end - time.monotonic()
        if remaining <= 0:
            raise WaylandError("the compositor did not answer in time")
        ready, _, _ = select.select([self.sock], [], [], remaining)
        if ready:
            data = self.sock.recv(65536)
            if not data:
                raise WaylandError("the compositor closed the connection")
            self.buffer += data
        events = []
        while len(self.buffer) >= 8:
            object_id, word = struct.unpack_from("<II", self.buffer)
            size = word >> 16
            if len(self.buffer) < size:
                break
            events.append((object_id, word & 0xFFFF, self.buffer[8:size]))
            self.buffer = self.buffer[size:]
        return events

    def _now_ms(self) -> int:
        return int(time.monotonic() * 1000) & 0xFFFFFFFF

    def move_to(self, x: int, y: int, width: int, height: int) -> None:
        args = struct.pack("<IIIII", self._now_ms(), x, y, width, height)
        self._send(self.pointer, MOTION_ABSOLUTE, args)
        self._send(self.pointer, FRAME)
        self.roundtrip()

    def click(self) -> None:
        for state in (PRESSED, RELEASED):
            self._send(self.pointer, BUTTON, struct.pack("<III", self._now_ms(), BTN_LEFT, state))
            self._send(self.pointer, FRAME)
        self.roundtrip()

    def close(self) -> None:
        try:
            self._send(self.pointer, DESTROY)
            self.roundtrip()
        except (OSError, WaylandError):
            pass  # the compositor may already be gone; closing the socket is enough
        finally:
            self.sock.close()


def tap(socket_path: Path, x: int, y: int, width: int, height: int) -> None:
    """One tap at (x, y) on an output of width x height pixels, from a pointer plugged in for
    it: a manual check only. A client binds a new pointer a moment after it appears and may
    miss a tap sent at once; the test stack keeps one pointer for its life instead."""
    pointer = VirtualPointer(socket_path)
    try:
        pointer.move_to(x, y, width, height)
        pointer.click()
    finally:
        pointer.close()


if __name__ == "__main__":  # a manual check: python -m tests.e2e.wayland_pointer X Y
    import sys

    display = Path(os.environ["XDG_RUNTIME_DIR"]) / os.environ.get("WAYLAND_DISPLAY", "wayland-0")
    tap(display, int(sys.argv[1]), int(sys.argv[2]), 800, 480)
