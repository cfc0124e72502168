"""The log of letters home printed: one entry per pupil and day, so the office can see which
letters went out and a second print of the same day replaces the first entry.

Pure: no store, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.record_fields import StoredRecord, day, moment, non_empty_text, stored

LETTERS = "letters"  # the store's kind


@dataclass
class LetterPrinted(StoredRecord):
    id: str = stored(rule=non_empty_text, required=True)
    day: str = stored(rule=day, required=True)  # the school day the letter is about
    pupil_key: str = stored(required=True)  # the roster id, or the folded name typed
    phone_ids: list[str] = stored(required=True)  # the phones the letter is about
    printed_at: str = stored(rule=moment, required=True)
