"""The school's HTML templates (the letter home, the evidence report): read, comments taken
out, and every placeholder checked, so a typo shows at `kiosk check` or before printing
rather than as a page with `$parent` on it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from string import Template

from kiosk.errors import ConfigError

# The comments are notes to whoever edits the file; a placeholder named in them is not one.
COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)


def load_html_template(path: Path, placeholders: Sequence[str], what: str) -> Template:
    """The template at `path` without its comments; ConfigError naming `what` and the file
    if it cannot be read or uses anything but `placeholders`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{what} {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{what} {path} cannot be read: {exc}") from None
    template = Template(COMMENT.sub("", text))
    for ident in template.get_identifiers():
        if ident not in placeholders:
            raise ConfigError(
                f"{what} {path}: unknown placeholder ${ident}; allowed: "
                + ", ".join("$" + p for p in placeholders)
            )
    if not template.is_valid():
        raise ConfigError(f"{what} {path}: a $ not followed by a name (write $$ for $)")
    return template
