"""Checking one typed PIN against many stored hashes, using every core.

scrypt is slow on purpose (tens of milliseconds each) and a PIN-only login has to try every
active member of staff. hashlib.scrypt lets go of the GIL while it works, so a few threads
check hashes side by side: on a 4-core Pi, 20 staff cost about 5 hashes' time, not 20.
Every hash is always checked, so how long it takes says nothing about which one matched.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from kiosk.domain.pins import verify_pin

MAX_THREADS = 4  # 16 MiB of scrypt memory each; the Zero 2 W has 512 MiB and 4 cores


def verify_each(pin: str, hashes: Sequence[str], key: bytes | None) -> list[bool]:
    """For each stored hash, whether `pin` matches it."""
    threads = min(len(hashes), os.cpu_count() or 1, MAX_THREADS)
    if threads <= 1:
        return [verify_pin(pin, h, key) for h in hashes]
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="pin-check") as pool:
        return list(pool.map(lambda stored: verify_pin(pin, stored, key), hashes))
