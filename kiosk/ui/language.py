"""The language the visitor's screens speak now, and gettext's functions for them.

The visitor chooses it on welcome (for one visitor: the kiosk goes back to English at
welcome); the app sets it here (`speak`). Visitor screens write their words as `_("...")`
where they show them, never at import, so they come out in the language of the moment; a
kept screen shows its words again when it is next shown in another language
(`KioskScreen.show_language`). Staff and admin screens do not use these: they stay English.

Babel finds the words to translate by these names (`make catalogues`, docs/languages.md).
"""

from __future__ import annotations

from datetime import date, datetime

from kiosk.domain.languages import ENGLISH, Language


class _Spoken:
    language: Language = ENGLISH


_SPOKEN = _Spoken()


def speak(language: Language) -> None:
    _SPOKEN.language = language


def spoken() -> Language:
    return _SPOKEN.language


def _(message: str) -> str:
    return _SPOKEN.language.gettext(message)


def pgettext(context: str, message: str) -> str:
    return _SPOKEN.language.pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _SPOKEN.language.ngettext(singular, plural, n)


def day_in_words(day: date, today: date) -> str:
    """ "3 March" ("3 marca"), with the year when it is not this year's."""
    language = _SPOKEN.language
    shown = _("{day} {month}").format(day=day.day, month=language.month_of_date(day))
    return shown if day.year == today.year else f"{shown} {day.year}"


def clock_line(now: datetime) -> str:
    """Welcome's date and time: "Wednesday 25 November 2026   08:45"."""
    language = _SPOKEN.language
    day = _("{weekday} {day} {month} {year}").format(
        weekday=language.weekday(now.date()),
        day=now.day,
        month=language.month_of_date(now.date()),
        year=now.year,
    )
    return f"{day}   {now:%H:%M}"
