"""The phone policy in practice: escalation, letters home and reports. The governors' evidence
report, which reads every feature, is kiosk/services/admin/evidence_report.py."""
