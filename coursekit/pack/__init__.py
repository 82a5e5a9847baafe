"""The facilitator pack: printable scenario cards and notes from the data (cards.py), printed
to PDF with Debian's chromium (pdf.py); the whole book as one PDF (book.py)."""
