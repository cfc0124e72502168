"""The phone policy in practice: escalation, letters home, reports and the governors' evidence."""
