"""Pure domain rules: records, validation, clock. Imports nothing of textual, tinydb or gpiozero."""
