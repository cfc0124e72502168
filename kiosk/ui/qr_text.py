"""A QR code as text: two modules per character cell with half blocks, so it comes out square.

Drawing one takes a Pi tens of milliseconds (and importing qrcode, the first time, more), so
the rules screen asks for the pass's code to be drawn ahead (`draw_ahead`) on a worker thread
while the visitor reads; "I agree" then only stores the visit and shows the finished drawing.
"""

from __future__ import annotations

from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

QUIET_ZONE = 4  # modules of light margin, as the QR standard asks; scanners need it
AHEAD_KEPT = 4  # drawings waiting to be shown; older ones are dropped (their visitor left)

_CELLS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}

# Touched only from the app's thread; the worker only computes.
_ahead: OrderedDict[str, Future[list[str]]] = OrderedDict()
_worker: ThreadPoolExecutor | None = None


def draw_ahead(text: str) -> None:
    """Start drawing `text`'s QR on a worker thread, for a `qr_lines(text)` soon after."""
    global _worker
    if text in _ahead:
        return
    if _worker is None:
        _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-qr")
    _ahead[text] = _worker.submit(draw, text)
    while len(_ahead) > AHEAD_KEPT:
        _ahead.popitem(last=False)


def qr_lines(text: str) -> list[str]:
    """The drawing of `text`: the one drawn ahead if asked for (waiting for it if it is not
    quite done), else drawn now."""
    ahead = _ahead.pop(text, None)
    if ahead is not None:
        return list(ahead.result())
    return draw(text)


def draw(text: str) -> list[str]:
    """Dark modules as block characters (draw them dark on light), error correction M."""
    import qrcode  # only the pass screen needs it; keeps it out of the kiosk's cold start
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    return [
        "".join(_CELLS[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(matrix[0::2], matrix[1::2], strict=True)
    ]
