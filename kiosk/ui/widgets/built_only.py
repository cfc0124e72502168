"""Skip the set-up events of a widget or screen removed while it was still being built.

A screen popped (or a widget removed) in the moment it is being built still gets its Mount
event, but Textual mounts none of its composed children then (`Widget.mount` returns at once
while the parent is closing or pruning). An `on_mount` that looks for those children would
raise NoMatches, and an exception in a handler stops the whole kiosk. Whatever on_mount would
have set up is for a screen nobody will see, so it is skipped.
"""

from __future__ import annotations

from textual import events
from textual.dom import NoScreen
from textual.widget import Widget


class BuiltOnly(Widget):
    """Mixed into widgets and screens whose on_mount uses the children their compose()
    yields: Mount (and a screen's ScreenResume, posted as it was pushed) are skipped once
    their screen has left the app's screen stack."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Mount | events.ScreenResume) and self._abandoned():
            return
        await super().on_event(event)

    def _abandoned(self) -> bool:
        try:
            screen = self.screen
        except NoScreen:
            return True
        return screen not in self.app.screen_stack
