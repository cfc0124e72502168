"""UI fixtures: the same app and fixed pass tokens as the visitor journeys."""

from tests.visitor.journeys import app, fixed_pass_tokens

__all__ = ["app", "fixed_pass_tokens"]
