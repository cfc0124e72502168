"""The GPIO layer: lock, LED and door sensor, real (gpiozero) or simulated. Never imports textual or tinydb."""
