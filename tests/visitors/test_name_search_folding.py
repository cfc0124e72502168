"""Finding a name to sign out ignores accents, letters like Ł or Ø, and punctuation."""

from __future__ import annotations

import pytest

from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.visitors.rules_file import load_rules
from kiosk.services.visitors.sign_in import sign_in
from kiosk.services.visitors.sign_out import find_on_site


def signed_in(context, name: str) -> None:
    details = VisitorDetails("visitor", name, "Acme", "Mrs Patel", "")
    sign_in(context, details, load_rules(context.config.rules_file))


@pytest.mark.parametrize(
    ("name", "typed", "shown"),
    [
        ("Anna Łukasiewicz", "lu", "Anna Ł."),
        ("Anna Łukasiewicz", "łuk", "Anna Ł."),
        ("Siobhan O'Neill", "on", "Siobhan O."),
        ("Siobhan O'Neill", "one", "Siobhan O."),
        ("Siobhan O'Neill", "o'n", "Siobhan O."),
        ("Kata Sàndor", "sa", "Kata S."),
        ("Øyvind Berg", "oy", "Øyvind B."),
        ("Åsa Strauß", "strauss", "Åsa S."),
        ("Đorđe Đukić", "dord", "Đorđe Đ."),
        (
            "Şule Y\N{LATIN SMALL LETTER DOTLESS I}ld\N{LATIN SMALL LETTER DOTLESS I}z",
            "yil",
            "Şule Y.",
        ),
        ("İpek Çelik", "ip", "İpek Ç."),
        ("Æsa Mæhle", "mae", "Æsa M."),
        ("Ana Smith-Jones", "jo", "Ana S."),
    ],
)
def test_search_folds_accents_special_letters_and_punctuation(context, name, typed, shown):
    signed_in(context, name)
    signed_in(context, "Other Person")
    found = find_on_site(context, typed)
    assert [m.label.split("  ")[0] for m in found] == [shown]
