"""Regular visitors: the office's cards, their checks, and a card scanned at the kiosk."""
