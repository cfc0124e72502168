"""The fire alarm as the app sees it, and the roll call's log and printing.

The alarm input reports from a timer thread (hardware/fire_alarm.py); this hands each
settled reading to the UI thread as a `FireAlarmChanged` message (post_message is
thread-safe), keeps whether the alarm is on (alarm mode: no sign-ins), and does the
roll call's writing off the path of the first frame: the fire log (the audit trail) once the
list is drawn, and the print job on a worker thread, so neither holds the list up.
Which screen shows is the navigator's business (kiosk/ui/navigator.py).
"""

from __future__ import annotations

import contextlib
import logging
from typing import Protocol

from textual.message import Message
from textual.worker import Worker

from hardware.interface import AlarmReading, Hardware
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.fire.alarm_input import record_reading
from kiosk.services.fire.fire_log import (
    close_event,
    end_alarm,
    new_event_id,
    record_print,
    start_event,
)
from kiosk.services.fire.printing import print_roll_call
from kiosk.services.fire.roll_call import RollCall, make_roll_call
from kiosk.ui.messages import FireAlarmChanged

log = logging.getLogger("kiosk.fire")


class FireBoard(Protocol):
    """What the watch needs of the app: its message queue, a worker, and where the print's
    outcome is shown (the roll call screen watches `roll_call_print`)."""

    roll_call_print: str

    def post_message(self, message: Message) -> bool: ...

    def run_worker(self, work: object, **kwargs: object) -> Worker[object]: ...

    def call_from_thread(self, callback: object, *args: object) -> object: ...


class FireWatch:
    def __init__(self, app: FireBoard, context: KioskContext, hardware: Hardware) -> None:
        self.app = app
        self.context = context
        self.hardware = hardware
        self.alarm_on = False  # alarm mode: the contact says the alarm is sounding
        self.alarm_event = ""  # the fire log's id of the alarm in progress

    @property
    def printer(self) -> str:
        return self.context.config.fire.printer

    def start(self) -> None:
        """Listen to the alarm input; an alarm already sounding (the kiosk restarted during
        one) or a wiring fault is handled at once, as if it had just happened."""
        alarm = getattr(self.hardware, "fire_alarm", None)
        if alarm is None:
            return
        alarm.on_change(lambda reading: self.app.post_message(FireAlarmChanged(reading)))
        if alarm.reading is not AlarmReading.NORMAL:
            self.app.post_message(FireAlarmChanged(alarm.reading))
        else:
            self.keep_reading(AlarmReading.NORMAL)  # a fault seen before a restart is gone

    def reading(self) -> AlarmReading | None:
        alarm = getattr(self.hardware, "fire_alarm", None)
        return None if alarm is None else alarm.reading

    def keep_reading(self, reading: AlarmReading) -> None:
        """For `kiosk check`; a full or read-only card must not stop the alarm's list."""
        try:
            record_reading(self.context, reading)
        except KioskError as exc:
            log.error("fire alarm input state not saved: %s", exc)

    def changed(self, reading: AlarmReading) -> str:
        """A settled reading: "started", "ended" or "" (a wiring change, or no change)."""
        self.keep_reading(reading)
        if reading is AlarmReading.ALARM and not self.alarm_on:
            self.alarm_on = True
            log.warning("fire alarm: the roll call opens")
            return "started"
        if reading is not AlarmReading.ALARM and self.alarm_on:
            self.alarm_on = False
            if self.alarm_event:
                with contextlib.suppress(KioskError):
                    end_alarm(self.context, self.alarm_event)
            log.warning("fire alarm: ended (%s)", reading.value)
            return "ended"
        return ""

    # --- the log and the printer ------------------------------------------------------------

    def started(self, how: str, roll: RollCall, actor: str = "") -> str:
        """Log a roll call's start (and print the alarm's list): its event id, "" when the
        log could not be written (the list is shown all the same)."""
        event_id = new_event_id()
        if how == "alarm":
            self.alarm_event = event_id
            if self.printer:
                self.print_list(event_id)  # first: the job goes to lp while the log is written
        try:
            start_event(self.context, how, roll, actor, event_id=event_id)
        except KioskError as exc:
            log.error("fire log not written: %s", exc)
        return event_id

    def closed(self, event_id: str, actor: str, why: str) -> None:
        if not event_id:
            return
        try:
            close_event(self.context, event_id, actor, why)
        except KioskError as exc:
            log.error("fire log not written: %s", exc)

    def print_list(self, event_id: str) -> None:
        """Print a fresh list on a worker thread; the outcome goes in the log and on screen."""
        if not self.printer:
            return
        self.app.run_worker(
            lambda: self._print(event_id), thread=True, exit_on_error=False, group="fire-print"
        )

    def _print(self, event_id: str) -> None:
        roll = make_roll_call(self.context)
        result = print_roll_call(self.context.config, roll)
        if result is None:
            return
        try:
            record_print(self.context, event_id, result.ok, result.detail)
        except KioskError as exc:
            log.error("fire log not written: %s", exc)
        if result.ok:
            shown = f"The list went to the printer at {roll.made_at:%H:%M}."
        else:
            log.error("roll call not printed: %s", result.detail)
            shown = f"Not printed: {result.detail}"
        self.app.call_from_thread(setattr, self.app, "roll_call_print", shown)
