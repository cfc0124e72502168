"""What the office's exports, reports, letters and cards are made of: the days they cover
(date_range), CSV cells a spreadsheet cannot run (csv_safety), an `--output` file written
whole (new_file), HTML templates, SVG charts, the card layout regular visitors' and staff
cards share (card_svg) and QR codes as SVG (qr_svg). Imports no feature package, so every
feature may build on it."""
