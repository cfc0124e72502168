"""Visitors: signing in after agreeing to the rules, and signing out."""
