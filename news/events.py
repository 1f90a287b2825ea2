"""Signals of the news app's own, for apps above it (the search index copies each
story's news year: search/signals.py)."""

from django.dispatch import Signal

# Sent with `instance`, a page, once the news year of the stories at and below it
# was written in SQL (no save, so no post_save): a story moved, or a year corrected.
stories_refiled = Signal()
