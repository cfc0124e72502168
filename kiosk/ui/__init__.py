"""The touchscreen UI (Textual). Calls services only; never touches TinyDB or gpiozero."""
