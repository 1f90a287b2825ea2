"""The site search: a form reads the query, the index finds pages, excerpts show why.

With Wagtail's database backend the site's own index answers (search/): one count,
one ranked page of results and one grouped count per news year. With OpenSearch or
Elasticsearch configured, Wagtail's backend answers, as before.

The query never reaches the backend straight from the URL: SearchForm drops what no
backend accepts, and a query the backend still refuses is a form error, not a 500.
A long query is cut to its first MAX_QUERY_TERMS terms, as search engines do, and the
visitor is told.
"""

import re
from bisect import bisect_right
from urllib.parse import quote_plus

from django import forms
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from core.cjk import CJK_RUN, cjk_query, has_cjk
from core.pages import (
    LINK_COLUMNS,
    PageMetadataMixin,
    original_home,
    page_holding,
    qualified_columns,
    shown_on_site_of,
)
from core.text import without_control_characters
from news.models import NewsIndexPage, NewsPage, news_years_with_counts
from search.backend import uses_own_index
from search.models import SearchEntry
from search.results import SearchResults, in_private_section, private_section_sql

from .models import HomePage

RESULTS_PER_PAGE = 10

# The backends build one nested expression per term, and their cost grows with each:
# 160 terms of Japanese text (a pair of characters each, core/cjk.py) overflowed
# Python's recursion limit in Wagtail's relevance ranking on PostgreSQL and took tens
# of seconds on SQLite. A query keeps its first 32 terms, as Google keeps 32 words.
MAX_QUERY_TERMS = 32
# Room for MAX_QUERY_TERMS English words of ordinary length; the search boxes'
# maxlength says the same. Longer is a form error; Japanese text is cut long before.
MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    RELEVANCE, DATE = "relevance", "date"

    q = forms.CharField(
        label=gettext_lazy("Search Website"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=1900, max_value=2100
    )
    order = forms.ChoiceField(
        label=gettext_lazy("Order"),
        required=False,
        choices=[
            (RELEVANCE, gettext_lazy("Most relevant first")),
            (DATE, gettext_lazy("Newest first")),
        ],
    )

    def clean_q(self):
        return " ".join(without_control_characters(self.cleaned_data["q"]).split())

    def clean_order(self):
        return self.cleaned_data["order"] or self.RELEVANCE


EXCERPT_LENGTH = 240


def query_terms(query):
    """The words of a query to look for in text: CJK runs whole, others by word."""
    words = [w.strip("\"'()*-") for w in query.split()]
    operators = {"AND", "OR", "NOT"}
    return [w for w in words if has_cjk(w) or (len(w) > 1 and w.upper() not in operators)]


def highlighted_excerpt(text, query, length=EXCERPT_LENGTH):
    """A window of `text` around the first match, matches in <mark>, everything escaped."""
    terms = query_terms(query)
    if not text:
        return ""
    pattern = (
        re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
        if terms
        else None
    )
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - length // 3) if first else 0
    window = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    if pattern is None:
        return format_html("{}{}{}", prefix, window, suffix)
    parts, position = [], 0
    for match in pattern.finditer(window):
        parts.append(escape(window[position : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group()))
        position = match.end()
    parts.append(escape(window[position:]))
    return mark_safe(escape(prefix) + "".join(parts) + escape(suffix))  # noqa: S308 - parts escaped


def backend_terms(query):
    """The terms the backend gets for a query, one expression each: CJK text as the
    pieces it indexes, other words as written (PostgreSQL also splits at hyphens)."""
    backend_query = cjk_query(query) if has_cjk(query) else query
    return [term for term in re.split(r"[\s\-]+", backend_query) if term]


def first_terms(query, most=MAX_QUERY_TERMS):
    """The query cut after its first `most` terms: after a word, or inside Japanese
    text (no spaces there) after a character. A query within the limit is unchanged."""
    if len(backend_terms(query)) <= most:
        return query
    word_ends = {word.end() for word in re.finditer(r"[^\s\-]+", query)}
    cjk_characters = {
        position + 1 for run in CJK_RUN.finditer(query) for position in range(*run.span())
    }
    cuts = sorted(word_ends | cjk_characters)
    # A longer start never has fewer terms, so the last cut within the limit is found
    # by bisection.
    fitting = bisect_right(cuts, most, key=lambda cut: len(backend_terms(query[:cut])))
    return query[: cuts[fitting - 1]].rstrip(" -") if fitting else ""


def backend_search(queryset, query, **kwargs):
    """Run the backend's search on the query's first terms, with CJK text turned into
    the pieces it indexes."""
    query = first_terms(query)
    if has_cjk(query):
        return queryset.search(cjk_query(query), operator="and", **kwargs)
    return queryset.search(query, **kwargs)


def visible_entries(home):
    """The index's entries of the pages `home`'s visitors may find: on their site,
    public (an entry is of a live page). The entry holds the page's path and
    translation key (search.models.SearchEntry), which these filters read."""
    return SearchEntry.objects.filter(shown_on_site_of(home)).exclude(in_private_section())


def search_pages(query, home, news_year=None, by_date=False):
    """Live pages `home`'s visitors read that match (core.pages.shown_on_site_of),
    optionally the stories of one year, newest first."""
    if uses_own_index():
        year = news_year.year if news_year is not None else None
        return SearchResults(first_terms(query), visible_entries(home), year, by_date)
    if news_year is not None or by_date:
        stories = NewsPage.objects.shown_on(home)
        if news_year is not None:
            stories = stories.filter(filed_year=news_year.year)
        if by_date:
            # The backend sorts by indexed fields only, so by date, not by news year.
            return backend_search(stories.order_by("-date"), query, order_by_relevance=False)
        return backend_search(stories, query)
    pages = Page.objects.live().public().filter(shown_on_site_of(home)).specific()
    return backend_search(pages, query)


def stories_per_year(query, home, news_years):
    """[(news year, number of matching stories)], newest year first, for the filter.

    One count per year, made by the search backend itself: fetching every match to
    count it in Python grew with the number of stories; this grows with the years.
    A year's stories are counted as pages: for a search limited to one page type,
    SQLite's planner matches the query against the full-text index once per indexed
    story of that type (Wagtail's SQL), for a search of pages only once.
    """
    shown = Page.objects.live().public().filter(shown_on_site_of(home))
    # The translated site also counts the original site's stories of the same year.
    original = original_home(home)
    originals = {y.year: y for y in NewsIndexPage.objects.of_home(original)} if original else {}
    counts = [
        (
            news_year,
            backend_search(
                shown.filter(children_of(news_year, originals.get(news_year.year))), query
            ).count(),
        )
        for news_year in news_years
    ]
    return [(news_year, count) for news_year, count in counts if count]


def year_counts(matches, query, home, news_years):
    """[(news year, number of matching stories)] of the year filter: from the
    site's index in one grouped query, else one count per year by Wagtail's backend."""
    if isinstance(matches, SearchResults):
        counts = matches.stories_per_year()
        return [(year, counts[year.year]) for year in news_years if counts.get(year.year)]
    return stories_per_year(query, home, news_years)


def children_of(*pages):
    """A filter of the pages' children by the tree, whose fields the backends index."""
    condition = Q(pk__in=[])
    for page in pages:
        if page is not None:
            condition |= Q(path__startswith=page.path, depth=page.depth + 1)
    return condition


PROMOTION_FIELDS = [
    field
    for field in SearchPromotion._meta.concrete_fields
    if field.attname != "query_id"  # known: the query searched for
]


def promotions_for(query, locale_id):
    """Results editors promoted for this query: links elsewhere, and pages of the
    visitor's language that visitors may see (live, public), each with what a link
    to it needs (core.pages.LINK_COLUMNS).

    Read only: a search is a GET, so it writes nothing (no Query row, no hit count;
    Wagtail's Query.get would create one for every new query). SQL of its own: the
    ORM's compiling of it was a fifth of a search's CPU, for no promotion at all
    most of the time."""
    promotion_columns = qualified_columns(PROMOTION_FIELDS, table="promotion")
    page_columns = ", ".join(f"page.{column}" for column in LINK_COLUMNS)
    private, private_params = private_section_sql("page.path")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {promotion_columns}, {page_columns}"  # noqa: S608 (constants)
            f" FROM {SearchPromotion._meta.db_table} promotion"
            f" JOIN {Query._meta.db_table} searched ON searched.id = promotion.query_id"
            f" LEFT JOIN {Page._meta.db_table} page ON page.id = promotion.page_id"
            " WHERE searched.query_string = %s AND (promotion.page_id IS NULL"
            f" OR (page.live AND page.locale_id = %s AND NOT {private}))"
            " ORDER BY promotion.sort_order",
            [normalise_query_string(query), locale_id, *private_params],
        )
        rows = cursor.fetchall()
    names = [field.attname for field in PROMOTION_FIELDS]
    promotions = []
    for row in rows:
        promotion = SearchPromotion.from_db(connection.alias, names, row[: len(names)])
        page_values = dict(zip(LINK_COLUMNS, row[len(names) :], strict=True))
        promotion.page = page_holding(Page, page_values) if promotion.page_id else None
        promotions.append(promotion)
    return promotions


def search(request):
    """The site search: the query is read through a form, never straight from the URL."""
    form = SearchForm(request.GET)
    context = {"form": form, "search_query": "", "results": None}
    if not form.is_valid():
        return TemplateResponse(request, "home/search.html", context, status=400)
    query = first_terms(form.cleaned_data["q"])
    context.update(search_query=query, shortened=query != form.cleaned_data["q"])
    if not query:
        return TemplateResponse(request, "home/search.html", context)

    home = HomePage.for_request(request)
    # The header's news years, remembered per content version (core.memory).
    news_years = list(news_years_with_counts(home)) if home else []
    year = form.cleaned_data["year"]
    news_year = next((n for n in news_years if n.year == year), None) if year else None
    try:
        # A savepoint, so a query the backend refuses does not spoil the
        # transaction on PostgreSQL; the page is read inside it.
        with transaction.atomic():
            # A language whose home page does not exist yet has nothing to find.
            matches = (
                search_pages(
                    query, home, news_year, by_date=form.cleaned_data["order"] == SearchForm.DATE
                )
                if home
                else Page.objects.none()
            )
            results = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
            results.object_list = list(results.object_list)
            context["year_counts"] = year_counts(matches, query, home, news_years) if home else []
    except DatabaseError:
        form.add_error("q", _("This search could not be understood. Try plain words."))
        return TemplateResponse(request, "home/search.html", context, status=400)

    for result in results:
        own_text = result.description_source() if isinstance(result, PageMetadataMixin) else ""
        text = own_text or result.search_description
        result.excerpt = highlighted_excerpt(text, query)
    if results.number == 1:
        locale_id = home.locale_id if home else Locale.get_active().pk
        context["promotions"] = promotions_for(query, locale_id)
    context.update(
        results=results,
        news_year=news_year,
        order=form.cleaned_data["order"],
        news_years=news_years,
    )
    if context["year_counts"]:
        context.update(filter_links(request.GET, context["year_counts"], news_year))
    return TemplateResponse(request, "home/search.html", context)


def filter_links(params, counts, news_year):
    """The year filter's and the order's links: this search with the year or the order
    changed, back on its first page."""
    links = QueryStrings(params)
    return {
        "year_links": [
            {
                "year": year_with_matches.year,
                "count": count,
                "url": links.changed(year=year_with_matches.year, page=None),
                "current": year_with_matches == news_year,
            }
            for year_with_matches, count in counts
        ],
        "all_years_url": links.changed(year=None, page=None),
        "order_urls": {
            order: links.changed(order=order, page=None)
            for order in (SearchForm.RELEVANCE, SearchForm.DATE)
        },
    }


class QueryStrings:
    """Query strings of a request's parameters with some changed, as Django's
    {% querystring %} tag writes them (the same order and quoting), without the tag's
    copy of the whole QueryDict for each: the year filter has a link per news year,
    and copying was a tenth of the search page's CPU."""

    def __init__(self, params):
        self.encoding = params.encoding
        self.lists = dict(params.lists())

    def changed(self, **changes):
        """The query string with each of `changes` set, or removed where None."""
        lists = {**self.lists}
        for key, value in changes.items():
            if value is None:
                lists.pop(key, None)
            else:
                lists[key] = [value]
        if not lists and not self.lists:
            return ""
        pairs = (
            f"{self.quoted(key)}={self.quoted(value)}"
            for key, values in lists.items()
            for value in values
        )
        return "?" + "&".join(pairs)

    def quoted(self, text):
        return quote_plus(str(text).encode(self.encoding))
