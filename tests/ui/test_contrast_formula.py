"""The WCAG formula the kiosk's colours are measured by, against WCAG's own known values."""

from __future__ import annotations

import pytest

from kiosk.ui.contrast import contrast_ratio


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ((0, 0, 0), (255, 255, 255), 21.0),
        ((255, 255, 255), (255, 255, 255), 1.0),
        ((118, 118, 118), (255, 255, 255), 4.54),  # #767676: the lightest grey at AA on white
        ((89, 89, 89), (255, 255, 255), 7.0),  # #595959: AAA on white
    ],
)
def test_known_ratios(a, b, ratio):
    assert contrast_ratio(a, b) == pytest.approx(ratio, abs=0.02)
    assert contrast_ratio(b, a) == pytest.approx(ratio, abs=0.02)
