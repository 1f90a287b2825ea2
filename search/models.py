from django.contrib.postgres.search import SearchVectorField
from django.db import models
from wagtail.models import Page


class SearchEntry(models.Model):
    """A live page as the site search finds it.

    On PostgreSQL the entry holds the page's words as two tsvectors, ranked as
    Wagtail's database backend ranks them (title and body apart, the title's rank
    scaled by `title_norm`), and their words alone, `vector` (without positions or
    weights, which matching does not need: a third of the size), whose GIN index
    finds the matches (migration 0001). Stored, not an indexed expression: a common
    word matches most pages, and PostgreSQL then checks each row, cheaply if small.
    On SQLite the words are in the FTS5 table search_entry_text,
    whose rowid is the page id; the vectors stay empty there.
    """

    page = models.OneToOneField(Page, primary_key=True, on_delete=models.CASCADE, related_name="+")
    # Average title length / this title's length, as Wagtail's backend computes it:
    # a word in a short title counts for more than in a long one.
    title_norm = models.FloatField(default=1.0)
    title_vector = SearchVectorField(null=True)
    body_vector = SearchVectorField(null=True)
    vector = SearchVectorField(null=True)
    # What a search needs of the page and its story, copied here (search.entries
    # keeps them in step): the count of a common word's matches per news year then
    # reads the entries alone, not every matching page and story joined as well
    # (most of its time at 100,000 stories). An entry exists only for a live page.
    path = models.CharField(max_length=255, db_default="")
    translation_key = models.UUIDField(null=True)
    content_type_id = models.IntegerField(null=True)
    filed_year = models.PositiveSmallIntegerField(null=True)

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"Search entry of page {self.page_id}"
