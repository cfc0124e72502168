"""Timers a test runs when it chooses: the fire alarm input's settling, without sleeping."""

from __future__ import annotations

from collections.abc import Callable


class FakeTimers:
    """A `schedule(delay, action) -> cancel` for hardware.fire_alarm; `run()` fires every
    timer still pending, as if their delay had passed."""

    def __init__(self) -> None:
        self.pending: list[list[object]] = []  # [delay, action, cancelled]

    def __call__(self, delay: float, action: Callable[[], None]) -> Callable[[], None]:
        entry: list[object] = [delay, action, False]
        self.pending.append(entry)

        def cancel() -> None:
            entry[2] = True

        return cancel

    def run(self) -> int:
        """Fire the timers due now; how many fired (cancelled ones do not)."""
        due, self.pending = self.pending, []
        fired = 0
        for _, action, cancelled in due:
            if not cancelled:
                fired += 1
                action()  # type: ignore[operator]
        return fired
