"""Skip the set-up events of a widget or screen removed while it was still being built.

A screen popped (or a widget removed) in the moment it is being built still gets its Mount
event, but Textual mounts none of its composed children then (`Widget.mount` returns at once
while the parent is closing or pruning). An `on_mount` that looks for those children would
raise NoMatches, and an exception in a handler stops the whole kiosk. Whatever on_mount would
have set up is for a screen nobody will see, so it is skipped.
"""

from __future__ import annotations

from typing import Any

from textual import events


class BuiltOnly:
    """Mixed (first) into screens and widgets whose on_mount uses the children their
    compose() yields. Mount (and a screen's ScreenResume, posted as it was pushed) are
    skipped while the widget is being removed, exactly when Textual mounts no children.

    A plain mixin, not a Widget: a Widget class among the bases changes which default
    styles win (Textual ranks them by class order)."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Mount | events.ScreenResume) and self._being_removed():
            return
        parent: Any = super()
        await parent.on_event(event)

    def _being_removed(self) -> bool:
        # Textual's own test in Widget.mount; tests/phones/test_popped_while_building.py
        # fails if a Textual upgrade renames these.
        return bool(getattr(self, "_closing", False) or getattr(self, "_pruning", False))
