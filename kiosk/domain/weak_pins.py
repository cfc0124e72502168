"""PINs a guesser tries first: the weak list a new PIN is checked against.

A guesser at the kiosk gets a handful of tries before a lockout, so they spend them on the
PINs people pick most: the most common PINs in published studies of leaked PIN sets,
repeated or stepped digits, lines and shapes on the keypad, years, dates and the demo PIN.
`weak_reason` names the first rule a PIN breaks, in words staff can act on; it never says
anything about other people's PINs.
"""

from __future__ import annotations

import itertools
from datetime import date

DEMO_PIN = "2468"  # the demo's PIN is printed on its welcome screen: never a real one

# The most common 4- and 6-digit PINs (DataGenetics' 3.4 million PIN study, the leaked
# RockYou/phone-unlock sets; some the rules below catch anyway), plus well-known
# number sequences (pi, e, Fibonacci, "love" on a phone keypad).
_COMMON_PINS_TEXT = """
    1004 1007 1024 1230 1313 1357 1369 1470 1590 2580 3690 0852 0741 0963 7410 0987 5683
    0911 1234 4321 5150 8008 0420 4200 1337 7412 1478 3214 2684 4862 1397 7931 3179 9713
    1793 3971 1739 9317 1379 7913 2846 8624 6248 4268 1590 9510 3570 7530
    123456 654321 123123 121212 112233 789456 159753 987654 123321 147258 258369 102030
    101010 007007 100200 131313 142536 123654 147852 520520 520131 112358 314159 271828
    246810 135790 010203 159357 951753 741852 852963 963852 123789 456123 246802 135791
    024680 098765 147369 369258 741963 753159 357159 789123 321654 696969 199999 200000
    123456789 12345678 87654321 11223344 12341234 12344321 13579246 24681357
"""
COMMON_PINS = frozenset(_COMMON_PINS_TEXT.split())

# The kiosk's PIN pad: 1 2 3 / 4 5 6 / 7 8 9 / 0 under the 8.
KEY_POSITIONS: dict[str, tuple[int, int]] = {
    **{str(d): ((d - 1) // 3, (d - 1) % 3) for d in range(1, 10)},
    "0": (3, 1),
}


def _steps_equal_mod_10(pin: str) -> bool:
    """Digits going up or down by the same amount each time (1234, 1357, 9753, 7890, 2468)."""
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    return len(steps) == 1


def _repeats_a_shorter_pattern(pin: str) -> bool:
    return any(
        len(pin) % k == 0 and pin == pin[:k] * (len(pin) // k) for k in range(1, len(pin) // 2 + 1)
    )


def _each_digit_doubled(pin: str) -> bool:
    return len(pin) % 2 == 0 and all(pin[i] == pin[i + 1] for i in range(0, len(pin), 2))


def _keypad_walk(pin: str) -> bool:
    """Neighbouring keys all the way with few turns: lines (2580), L shapes (1478), hooks.

    One turn is allowed in a 4-digit PIN, two in a longer one (147896).
    """
    moves = []
    for a, b in itertools.pairwise(pin):
        (ra, ca), (rb, cb) = KEY_POSITIONS[a], KEY_POSITIONS[b]
        move = (rb - ra, cb - ca)
        if move == (0, 0) or max(abs(move[0]), abs(move[1])) != 1:
            return False
        moves.append(move)
    turns = sum(1 for m, n in itertools.pairwise(moves) if m != n)
    return turns <= len(pin) // 3


def _is_date(day: int, month: int, year: int = 2000) -> bool:
    try:
        date(year, month, day)  # 2000 is a leap year: 29 February counts as a date
    except ValueError:
        return False
    return True


def _full_year(text: str) -> int | None:
    year = int(text)
    return year if 1900 <= year <= 2099 else None


def _looks_like_a_date(pin: str) -> bool:
    n = len(pin)
    two = [int(pin[i : i + 2]) for i in range(0, n - 1, 2)]
    if n == 4:  # DDMM or MMDD
        return _is_date(two[0], two[1]) or _is_date(two[1], two[0])
    if n == 6:  # DDMMYY, MMDDYY, YYMMDD
        return _is_date(two[0], two[1]) or _is_date(two[1], two[0]) or _is_date(two[2], two[1])
    if n == 8:  # DDMMYYYY, MMDDYYYY, YYYYMMDD
        tail, head = _full_year(pin[4:]), _full_year(pin[:4])
        return bool(
            (tail and (_is_date(two[0], two[1], tail) or _is_date(two[1], two[0], tail)))
            or (head and _is_date(two[3], two[2], head))
        )
    return False


def weak_reason(pin: str) -> str:
    """Why a string of digits is a weak PIN, in a few words; empty when it is not weak."""
    if pin == DEMO_PIN:
        return "it is the demo PIN"
    if len(set(pin)) < 3:
        return "it uses fewer than 3 different digits"
    if _steps_equal_mod_10(pin):
        return "its digits go up or down in equal steps"
    if _repeats_a_shorter_pattern(pin):
        return "it repeats a shorter pattern"
    if pin == pin[::-1]:
        return "it reads the same backwards"
    if _each_digit_doubled(pin):
        return "each digit is doubled"
    if pin in COMMON_PINS:
        return "it is one of the most common PINs"
    if len(pin) == 4 and _full_year(pin):
        return "it is a year"
    if _looks_like_a_date(pin):
        return "it is a date"
    if _keypad_walk(pin):
        return "it is a line or shape on the keypad"
    return ""
