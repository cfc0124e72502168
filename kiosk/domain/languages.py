"""The languages a visitor's screens can speak: one per message catalogue.

A `Language` wraps the standard library's gettext translations of one catalogue (English is
the catalogue-less original the messages are written in). Pure: loading the catalogues from
disk is kiosk/services/languages.py; the touchscreen keeps the one a visitor chose
(kiosk/ui/language.py).

What the kiosk's terminal cannot show is refused here, before anyone sees it broken: a
right-to-left script (Urdu, Arabic, Persian, Hebrew, ...) needs its letters joined and its
lines laid out right to left, and a terminal does neither (docs/languages.md).
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

ENGLISH_CODE = "en"
# gettext's context for a catalogue's own name, written in its own language ("Polski").
NAME_CONTEXT = "the name of this language, written in this language"
# A language code as catalogues are named: "pl", "pt_BR", "sr_Latn" (never a path).
CODE_PATTERN = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]{2,8})*$")
# Written right to left: refused whatever their catalogue holds (ISO 639 codes).
RIGHT_TO_LEFT_CODES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku_Arab", "pa_Arab", "ps", "sd", "ug", "ur", "yi"}
)


def N_(message: str) -> str:
    """Marks text for the catalogues where it is written (gettext's name for it, which Babel
    looks for); it is translated where it is shown."""
    return message


def NP_(context: str, message: str) -> str:
    """As N_, with gettext's context (written out each time: Babel reads only the words)."""
    return message


# gettext contexts for the names in dates ("3 March": Polish "3 marca", not "3 marzec").
MONTH_OF_DATE = "month, in a date such as 3 March"
WEEKDAY_CONTEXT = "day of the week"
MONTHS = (
    NP_("month, in a date such as 3 March", "January"),
    NP_("month, in a date such as 3 March", "February"),
    NP_("month, in a date such as 3 March", "March"),
    NP_("month, in a date such as 3 March", "April"),
    NP_("month, in a date such as 3 March", "May"),
    NP_("month, in a date such as 3 March", "June"),
    NP_("month, in a date such as 3 March", "July"),
    NP_("month, in a date such as 3 March", "August"),
    NP_("month, in a date such as 3 March", "September"),
    NP_("month, in a date such as 3 March", "October"),
    NP_("month, in a date such as 3 March", "November"),
    NP_("month, in a date such as 3 March", "December"),
)
WEEKDAYS = (
    NP_("day of the week", "Monday"),
    NP_("day of the week", "Tuesday"),
    NP_("day of the week", "Wednesday"),
    NP_("day of the week", "Thursday"),
    NP_("day of the week", "Friday"),
    NP_("day of the week", "Saturday"),
    NP_("day of the week", "Sunday"),
)
# What the welcome screen's language button calls a catalogue: its translation of this.
OWN_NAME = NP_("the name of this language, written in this language", "English")


def right_to_left_text(text: str) -> bool:
    """True when the text has letters of a right-to-left script (Arabic, Hebrew, Thaana...)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def right_to_left(code: str, texts: Iterable[str] = ()) -> bool:
    """A catalogue the terminal cannot show: its code is a right-to-left language's, or its
    words are in a right-to-left script (a code the list above does not know)."""
    primary = code.split("_")[0]
    return (
        code in RIGHT_TO_LEFT_CODES
        or primary in RIGHT_TO_LEFT_CODES
        or any(right_to_left_text(text) for text in texts)
    )


def refusal_line(code: str) -> str:
    return (
        f"the {code} catalogue is written right to left, which the kiosk's terminal cannot lay "
        "out (letters unjoined, lines reversed): it is not offered (docs/languages.md)"
    )


@dataclass(frozen=True)
class Language:
    """One language the visitor's screens can be shown in."""

    code: str  # "pl"
    name: str  # its name in itself: "Polski"
    translations: gettext.NullTranslations = field(
        default_factory=gettext.NullTranslations, compare=False, repr=False
    )

    @property
    def english(self) -> bool:
        return self.code == ENGLISH_CODE

    def gettext(self, message: str) -> str:
        # "" is the catalogue's header in gettext: nothing to say stays nothing.
        return self.translations.gettext(message) if message else message

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def month_of_date(self, day: date) -> str:
        return self.pgettext(MONTH_OF_DATE, MONTHS[day.month - 1])

    def weekday(self, day: date) -> str:
        return self.pgettext(WEEKDAY_CONTEXT, WEEKDAYS[day.weekday()])


ENGLISH = Language(ENGLISH_CODE, "English")


def language_from(code: str, translations: gettext.NullTranslations) -> Language:
    """A catalogue's language, named as the catalogue names itself (its code if it does not)."""
    name = translations.pgettext(NAME_CONTEXT, OWN_NAME)
    return Language(code, code if name == OWN_NAME else name, translations)


def catalogue_texts(translations: gettext.NullTranslations) -> list[str]:
    """Every translation a compiled catalogue holds (to look at its script)."""
    catalog = getattr(translations, "_catalog", {})
    return [text for key, text in catalog.items() if key and isinstance(text, str)]
