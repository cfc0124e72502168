"""Use cases shared by the touchscreen and the admin CLI. Never imports textual or gpiozero."""
