"""Reading the suite's history: pure log decoding, chunked scanning, a SQLite cache."""
