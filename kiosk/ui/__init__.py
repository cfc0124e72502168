"""The touchscreen UI (Textual). Calls services only; never opens data files or gpiozero."""
