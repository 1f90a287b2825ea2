"""Japanese (and Chinese) words for a search index that splits only at spaces.

Wagtail's database search tokenises at spaces and punctuation (SQLite FTS5's
unicode61, PostgreSQL's `simple` parsing), so a Japanese sentence is one long
"word" and 難民 inside it is never found. We index each run of CJK characters
as its single characters and overlapping pairs (bigrams), and turn a query's
CJK runs into the same pieces: 北朝鮮 -> 北朝 朝鮮, 難 -> 難. The index stays
the backend's own, so `update_index` and a fresh `migrate` rebuild it as usual.
"""

import re

from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

# Han ideographs, hiragana, katakana (full and half width), Hangul syllables.
CJK_RUN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af]+"
)


def cjk_pieces(run):
    """The single characters and overlapping pairs of one run of CJK text."""
    return list(run) + [run[i : i + 2] for i in range(len(run) - 1)]


def cjk_index_text(text):
    return " ".join(" ".join(cjk_pieces(run)) for run in CJK_RUN.findall(text or ""))


def has_cjk(text):
    return bool(CJK_RUN.search(text or ""))


def cjk_query(query):
    """The query with each CJK run replaced by the pieces that must all be found."""

    def pieces(match):
        run = match.group()
        bigrams = [run[i : i + 2] for i in range(len(run) - 1)]
        return " " + " ".join(bigrams or [run]) + " "

    return " ".join(CJK_RUN.sub(pieces, query).split())


class CJKSearchMixin:
    """Gives a page the CJK pieces of its searchable text; list CJK_SEARCH_FIELD to index them."""

    def cjk_search_text(self):
        texts = []
        for field in self.get_search_fields():
            if not isinstance(field, index.SearchField) or field.field_name == "cjk_search_text":
                continue
            value = getattr(self, field.field_name, None)
            model_field = next((f for f in self._meta.fields if f.name == field.field_name), None)
            if isinstance(model_field, StreamField):
                texts.extend(model_field.get_searchable_content(value))
            elif isinstance(model_field, RichTextField):
                texts.append(strip_tags(value or ""))
            elif isinstance(value, str):
                texts.append(value)
        return cjk_index_text(" ".join(texts))


CJK_SEARCH_FIELD = index.SearchField("cjk_search_text")
