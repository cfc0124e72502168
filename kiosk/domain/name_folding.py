"""Names as a plain keyboard types them: lower case, no accents, only letters and digits.

Shared by every search at the foyer screen: a visitor signing out by name, staff's "I work
here", a parent finding a pupil for a late arrival or a collection; so "Zoe" finds "Zoë" and
"oneill" finds "O'Neill" everywhere alike. Pure.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not split into a base letter and an accent (after casefold, which already
# turns ß into ss and İ into i plus a dot): a visitor typing on a plain keyboard means these.
_PLAIN_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ħ": "h", "þ": "th",
     "ŀ": "l", "ŧ": "t", "ĸ": "k", "ŋ": "n", "\N{LATIN SMALL LETTER DOTLESS I}": "i"}
)  # fmt: skip
# Words of a name: split at spaces and hyphens, so "jo" finds Smith-Jones.
WORD_BREAK = re.compile(r"[\s\-\N{EN DASH}]+")


def fold(text: str) -> str:
    """Lower case, no accents, plain letters, and only letters and digits: "O'Neill" -> "oneill"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_PLAIN_LETTERS)
    return "".join(c for c in decomposed if c.isalnum())


def folded_words(name: str) -> list[str]:
    """Each word of a name, folded ("Smith-Jones" -> ["smith", "jones"]); empty words dropped."""
    return [w for w in (fold(part) for part in WORD_BREAK.split(name)) if w]
