"""Visitor journey fixtures (defined in journeys.py, shared with tests/ui)."""

from tests.visitor.journeys import app, fixed_pass_tokens

__all__ = ["app", "fixed_pass_tokens"]
