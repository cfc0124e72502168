"""Foyer Kiosk: visitor sign-in, phone rules and the pupil phone store for a school foyer."""

__version__ = "0.1.0"
