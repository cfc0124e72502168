"""The accented Latin letters the on-screen keyboard offers for each plain letter.

Covers at least Polish, Romanian, Lithuanian, Portuguese, Spanish, French, German, Irish,
Turkish and the Nordic languages (Danish, Norwegian, Swedish, Finnish, Icelandic), plus the
Czech, Slovak, Hungarian, Croatian and Latvian letters that fit. At most ten per letter, so they
fit one row of keys in place of the top letter row.
"""

from __future__ import annotations

# Lower case; the capital of each is its str.upper(), except where UPPER_EXCEPTIONS says.
ACCENTED: dict[str, str] = {
    "a": "áàâäãåąăāæ",
    "c": "çćčċ",
    "d": "đðď",
    "e": "éèêëęėēě",
    "g": "ğġģ",
    "h": "ħ",
    "i": "íìîïįī\N{LATIN SMALL LETTER DOTLESS I}",
    "k": "ķ",
    "l": "łľĺļ",
    "n": "ñńňņ",
    "o": "óòôöõøőōœ",
    "r": "řŕ",
    "s": "śšșşß",
    "t": "țţťþ",
    "u": "úùûüųūůű",
    "y": "ýÿ",
    "z": "żźž",
}
MAX_ACCENTED = 10

# Turkish pairs the dotless small i with I and the dotted capital I with i: a capital I offers
# the dotted capital where a small i offers the dotless small; ß has no capital a name would use.
UPPER_EXCEPTIONS = {"\N{LATIN SMALL LETTER DOTLESS I}": "\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}"}


def accented_forms(letter: str) -> str:
    """The accented letters for a plain letter, in its case: "e" -> "éèêë...", "E" -> "ÉÈÊË..."."""
    forms = ACCENTED.get(letter.lower(), "")
    if not letter.isupper():
        return forms
    capitals = (UPPER_EXCEPTIONS.get(c, c.upper()) for c in forms)
    return "".join(c for c in capitals if len(c) == 1 and c != letter)


def base_letter(accented: str) -> str:
    """The plain letter whose accent layer holds this letter ("" if none): "Ł" -> "L"."""
    for plain, forms in ACCENTED.items():
        if accented in forms:
            return plain
        if accented in accented_forms(plain.upper()):
            return plain.upper()
    return ""
