"""Finding the message catalogues of the languages a school offers its visitors.

A catalogue is gettext's compiled `.mo` file, `<folder>/<code>/LC_MESSAGES/kiosk.mo`, looked
for in `locale/` beside the school's settings file first (a language the school added), then
among those shipped with the kiosk (kiosk/locale: English needs none, Polish is shipped).
They are compiled from the `.po` files with Babel (`make catalogues`) and committed, so
nothing is built or fetched when the kiosk starts.

A catalogue that cannot be used (missing, damaged, or right-to-left: see
kiosk/domain/languages.py) is left out with one line saying why; `kiosk check` shows the same
lines. Welcome offers the others.
"""

from __future__ import annotations

import gettext
import logging
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import Config
from kiosk.domain.languages import (
    ENGLISH,
    ENGLISH_CODE,
    Language,
    catalogue_texts,
    language_from,
    refusal_line,
    right_to_left,
)

log = logging.getLogger("kiosk.languages")

DOMAIN = "kiosk"  # the catalogue's name: kiosk.po, kiosk.mo, kiosk.pot
SHIPPED_CATALOGUES = Path(__file__).resolve().parent.parent / "locale"


@dataclass(frozen=True)
class Languages:
    """The languages offered, English first, and a line for each one left out."""

    offered: tuple[Language, ...]
    refused: tuple[str, ...] = ()

    def by_code(self, code: str) -> Language:
        for language in self.offered:
            if language.code == code:
                return language
        return ENGLISH


def catalogue_folders(config: Config) -> list[Path]:
    """Where catalogues are looked for: the school's own first, then the shipped ones."""
    folders = [SHIPPED_CATALOGUES]
    if config.source:
        folders.insert(0, Path(config.source).parent / "locale")
    return folders


def catalogue_path(code: str, folders: list[Path]) -> Path | None:
    for folder in folders:
        path = folder / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if path.is_file():
            return path
    return None


def load_language(code: str, folders: list[Path]) -> Language:
    """One catalogue's language; ValueError with the line to show when it cannot be used."""
    path = catalogue_path(code, folders)
    if path is None:
        raise ValueError(
            f"no {code} catalogue ({code}/LC_MESSAGES/{DOMAIN}.mo in "
            + " or ".join(str(f) for f in folders)
            + "): it is not offered"
        )
    try:
        with path.open("rb") as file:
            translations = gettext.GNUTranslations(file)
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # gettext raises OSError too
        raise ValueError(
            f"the {code} catalogue {path} cannot be read ({exc}): it is not offered"
        ) from None
    language = language_from(code, translations)
    if right_to_left(code, [language.name, *catalogue_texts(translations)]):
        raise ValueError(refusal_line(code))
    return language


def load_languages(config: Config) -> Languages:
    """The languages the settings offer, each with its catalogue; English always."""
    folders = catalogue_folders(config)
    offered: list[Language] = [ENGLISH]
    refused: list[str] = []
    for code in config.languages:
        if code == ENGLISH_CODE:
            continue
        try:
            offered.append(load_language(code, folders))
        except ValueError as refusal:
            log.warning("languages: %s", refusal)
            refused.append(f"languages: {refusal}")
    return Languages(tuple(offered), tuple(refused))
