from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

from news.models import NewsIndexPage, NewsPage

from .forms import SearchForm
from .models import HomePage
from .search import cjk_query, has_cjk, highlighted_excerpt

RESULTS_PER_PAGE = 10


def backend_search(queryset, query, **kwargs):
    """Run the backend's search, with CJK text turned into the pieces it indexes."""
    if has_cjk(query):
        return queryset.search(cjk_query(query), operator="and", **kwargs)
    return queryset.search(query, **kwargs)


def search_pages(query, locale=None, archive=None, by_date=False):
    """Live pages in the visitor's language that match, optionally in one year, newest first."""
    locale = locale or Locale.get_active()
    if archive is not None or by_date:
        stories = NewsPage.objects.live().public().filter(locale=locale)
        if archive is not None:
            stories = stories.descendant_of(archive)
        if by_date:
            return backend_search(stories.order_by("-date"), query, order_by_relevance=False)
        return backend_search(stories, query)
    return backend_search(Page.objects.live().public().filter(locale=locale).specific(), query)


def stories_per_year(query, home):
    """[(year archive, number of matching stories)], newest year first, for the filter.

    One count per year, made by the search backend itself: fetching every match to
    count it in Python grew with the archive; this grows with the number of years.
    """
    archives = NewsIndexPage.objects.live().child_of(home).order_by("-year")
    counts = [
        (archive, backend_search(NewsPage.objects.live().public().child_of(archive), query).count())
        for archive in archives
    ]
    return [(archive, count) for archive, count in counts if count]


def promotions_for(query, locale):
    """Results editors promoted for this query, in the visitor's language."""
    return [
        promotion
        for promotion in Query.get(query)
        .editors_picks.select_related("page")
        .order_by("sort_order")
        if promotion.page is None or promotion.page.locale_id == locale.pk
    ]


def search(request):
    """The site search: the query is read through a form, never straight from the URL."""
    form = SearchForm(request.GET)
    context = {"form": form, "search_query": "", "results": None}
    if not form.is_valid():
        return TemplateResponse(request, "home/search.html", context, status=400)
    query = form.cleaned_data["q"]
    context["search_query"] = query
    if not query:
        return TemplateResponse(request, "home/search.html", context)

    home = HomePage.for_request(request)
    locale = Locale.get_active()
    year = form.cleaned_data["year"]
    archive = None
    if year and home:
        archive = NewsIndexPage.objects.live().child_of(home).filter(year=year).first()
    try:
        # A savepoint, so a query the backend refuses does not spoil the
        # transaction on PostgreSQL; the page is read inside it.
        with transaction.atomic():
            matches = search_pages(
                query, locale, archive, by_date=form.cleaned_data["order"] == SearchForm.DATE
            )
            results = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
            results.object_list = list(results.object_list)
            context["year_counts"] = stories_per_year(query, home) if home else []
    except DatabaseError:
        form.add_error("q", _("This search could not be understood. Try plain words."))
        return TemplateResponse(request, "home/search.html", context, status=400)

    for result in results:
        text = getattr(result, "summary", "") or result.search_description
        result.excerpt = highlighted_excerpt(text, query)
    if results.number == 1:
        Query.get(query).add_hit()
        context["promotions"] = promotions_for(query, locale)
    context.update(
        results=results,
        archive=archive,
        order=form.cleaned_data["order"],
        all_years=NewsIndexPage.objects.live().child_of(home).order_by("-year") if home else [],
    )
    return TemplateResponse(request, "home/search.html", context)
