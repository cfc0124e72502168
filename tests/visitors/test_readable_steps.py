"""The visitor's screens read at arm's length on the 7" panel at the default large text
(80x24, issue 27): each step's question on a line of its own, one Back button, a step count
that keeps its total, a keyboard whose keys line up, and names that do not wrap."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from kiosk.ui.screens.sign_in import PROMPTS
from kiosk.ui.screens.sign_out import PROMPT as SIGN_OUT_PROMPT
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard
from tests.helpers import tap, tap_text
from tests.visitors.test_sign_out_journey import signed_in

LARGE = (80, 24)  # the default on the 7" panel: 10x20-pixel cells


def lines_of(widget) -> list[str]:
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return [strip.text.rstrip() for strip in strips]


def plain(markup: str) -> str:
    from textual.content import Content

    return Content.from_markup(markup).plain


def rows_of(widget) -> set[int]:
    region = widget.region
    return set(range(region.y, region.bottom))


async def test_every_sign_in_question_has_a_line_of_its_own(app):
    async with app.run_test(size=LARGE) as pilot:
        await tap(pilot, "#sign-in")
        screen = app.screen
        seen = []
        for answer in ("type", "Sam Kaur", "Acme Lifts", "Mrs Patel", None):
            step = screen.step
            prompt = screen.query_one("#step-prompt")
            shown = " ".join(line.strip() for line in lines_of(prompt) if line.strip())
            assert shown == plain(PROMPTS[step]), step  # whole, not cut or squeezed
            assert len(prompt.region.height and lines_of(prompt)) == 1, step
            bar = screen.query_one("#top-bar")
            assert not rows_of(prompt) & rows_of(bar), f"{step}: the question shares the bar"
            if step != "type":
                assert not rows_of(prompt) & rows_of(screen.query_one(f"#{step}")), step
            seen.append(step)
            if answer == "type":
                await tap(pilot, "#type-contractor")
            elif answer is not None:
                await tap_text(pilot, answer)
                await tap(pilot, "#key-done")
        assert seen == ["type", "name", "organisation", "host", "car-reg"]


async def test_the_sign_out_question_has_a_line_of_its_own_and_names_the_code(app):
    async with app.run_test(size=LARGE) as pilot:
        await tap(pilot, "#sign-out")
        prompt = app.screen.query_one("#step-prompt")
        assert [line.strip() for line in lines_of(prompt)] == [plain(SIGN_OUT_PROMPT)]
        assert "code" in plain(SIGN_OUT_PROMPT)
        assert not rows_of(prompt) & rows_of(app.screen.query_one("#search"))


@pytest.mark.parametrize(
    ("visitor_type", "questions"),
    [("visitor", 4), ("contractor", 4), ("parent-helper", 3), ("governor", 3)],
)
async def test_the_step_count_never_changes_its_total(app, visitor_type, questions):
    """It read "step 1 of 5" on the first step and "2 of 4" on the next."""
    async with app.run_test(size=LARGE) as pilot:
        await tap(pilot, "#sign-in")
        counts = [str(app.screen.query_one("#step-title").render())]
        await tap(pilot, f"#type-{visitor_type}")
        for answer in ("Sam Kaur", "Acme Lifts", "Mrs Patel")[: questions - 1]:
            counts.append(str(app.screen.query_one("#step-title").render()))
            await tap_text(pilot, answer)
            await tap(pilot, "#key-done")
        counts.append(str(app.screen.query_one("#step-title").render()))
        assert app.screen.step == "car-reg"
    assert counts[0] == "Signing in"
    assert counts[1:] == [f"Signing in: step {n} of {questions}" for n in range(1, questions + 1)]


async def test_one_back_button_on_every_typing_step_and_no_back_key(app, context):
    signed_in(context, "Sam Kaur")
    async with app.run_test(size=LARGE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        for screen_name in ("sign in", "sign out"):
            keyboard = app.screen.query_one(TouchKeyboard)
            labels = [cap.label for cap in keyboard.shown_keys()]
            assert not [label for label in labels if "Back" in label], labels
            backs = [b for b in app.screen.query("Button") if "Back" in str(b.label)]
            assert len([b for b in backs if b.region]) == 1, screen_name
            if screen_name == "sign in":
                await tap(pilot, "#cancel")
                await tap(pilot, "#sign-out")
                await tap_text(pilot, "sa")


async def laid_out_keys(pilot, keyboard: TouchKeyboard) -> list:
    """The keys where the visitor sees them: once the layout that revealed the keyboard has
    caught up (on a busy machine that can take more than the tap's own settle), i.e. the
    same places two refreshes running."""
    placed = keyboard.placed_keys()
    for _ in range(20):
        await pilot.pause()
        again = keyboard.placed_keys()
        if [(p.cap, p.region) for p in again] == [(p.cap, p.region) for p in placed]:
            break
        placed = again
    return placed


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
@pytest.mark.parametrize("digits", [False, True])
async def test_the_keyboard_keys_line_up_row_under_row(app, size, digits):
    """Every row is as wide as the others and every letter as wide as every other; the bottom
    row's keys were uneven (a one-cell full stop, a Back key as wide as two letters plus)."""
    async with app.run_test(size=size) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor" if not digits else "#type-contractor")
        if digits:
            await tap_text(pilot, "Sam Kaur")
            await tap(pilot, "#key-done")
        keyboard = app.screen.query_one(TouchKeyboard)
        assert keyboard.show_digits is digits
        placed = await laid_out_keys(pilot, keyboard)
        letter = {p.region.width for p in placed if len(p.cap.value) == 1 and p.cap.value != " "}
        assert len(letter) == 1, letter  # every single character's key, every row
        width = letter.pop()
        rows: dict[int, list] = {}
        for p in placed:
            rows.setdefault(p.region.y, []).append(p.region)
        edges = {(min(r.x for r in row), max(r.right for r in row)) for row in rows.values()}
        assert len(edges) == 1, edges
        half = width // 2
        for p in placed:  # every key edge on the grid of half-letters
            assert p.region.x % half == 0 and p.region.width % half == 0, p


async def test_a_long_first_name_does_not_wrap_in_the_sign_out_list(app, context):
    signed_in(context, "Bartholomew-Maximilianus Kowalski")
    signed_in(context, "Bart Lee")
    async with app.run_test(size=LARGE) as pilot:
        await tap(pilot, "#sign-out")
        await tap_text(pilot, "bart")
        await pilot.pause()
        for button in app.screen.query(".match"):
            drawn = [line.strip() for line in lines_of(button) if line.strip()]
            assert len(drawn) == 2 and drawn[1] == "in at 08:45", drawn
        first = [line.strip() for line in lines_of(app.screen.query_one("#match-0")) if line]
        assert first[0].startswith("Bartholomew-Max") and first[0].endswith("…")
