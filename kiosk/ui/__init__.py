"""The touchscreen UI (Textual). Calls services only; never touches the store's files or gpiozero."""
