"""Plain text as people type it, without what no feed, backend or browser accepts."""

import unicodedata

KEPT_CONTROLS = "\t\n\r"


def without_control_characters(text):
    """Drop NUL, vertical tabs and the other control characters; keep tabs and newlines."""
    return "".join(
        ch for ch in text or "" if unicodedata.category(ch) != "Cc" or ch in KEPT_CONTROLS
    )
