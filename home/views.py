from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.template.response import TemplateResponse
from wagtail.models import Page

from .forms import SearchForm

RESULTS_PER_PAGE = 10


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
                    matches = Page.objects.live().public().specific().search(query)
                    results = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
                    results.object_list = list(results.object_list)
            except DatabaseError:
                form.add_error("q", "This search could not be understood. Try plain words.")
                status = 400
    else:
        status = 400
    return TemplateResponse(
        request,
        "home/search.html",
        {"form": form, "search_query": query, "results": results},
        status=status,
    )
