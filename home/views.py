from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from .forms import SearchForm
from .search import cjk_query, has_cjk

RESULTS_PER_PAGE = 10


def search_pages(query):
    """Live pages in the visitor's language matching every CJK piece, or the words."""
    pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
    if has_cjk(query):
        return pages.search(cjk_query(query), operator="and")
    return pages.search(query)


def search(request):
    """The site search: the query is read through a form, never straight from the URL."""
    form = SearchForm(request.GET)
    query, results, status = "", None, 200
    if form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            try:
                # A savepoint, so a query the backend refuses does not spoil the
                # transaction on PostgreSQL; the page is read inside it.
                with transaction.atomic():
                    matches = search_pages(query)
                    results = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
                    results.object_list = list(results.object_list)
            except DatabaseError:
                form.add_error("q", _("This search could not be understood. Try plain words."))
                status = 400
    else:
        status = 400
    return TemplateResponse(
        request,
        "home/search.html",
        {"form": form, "search_query": query, "results": results},
        status=status,
    )
