"""The visitor journeys' app fixture (tests/visitor/journeys.py), for the card journeys."""

from tests.visitor.journeys import app, fixed_pass_tokens

__all__ = ["app", "fixed_pass_tokens"]
