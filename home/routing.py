"""Serving a page: the addresses visitors use most, found in one query or none.

Wagtail finds a page by walking the tree from the site's root, a query or two per
level of the address. The home pages and the pages just below them (news years,
contact, Donate ...) are remembered per content version (core.memory); a story is
one indexed query on its address (url_path). Anything else, and any address not
found this way, goes to Wagtail's own routing, which answers as it always did.
"""

from django.db import connection
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.url_routing import RouteResult

from core.lookups import locales
from core.memory import remembered
from core.pages import home_page, page_holding, qualified_columns, upper_pages
from news.models import NewsIndexPage, NewsPage
from news.story_links import topics_column, topics_from_column

from .models import HomePage


def serve(request, path):
    """Wagtail's serve view (hooks, privacy, 404s), told the page where it is known."""
    page = find_page(request, path)
    if page is not None:
        # Page.route_for_request takes a route already found from the request.
        request._wagtail_route_for_request = RouteResult(page)
    return wagtail_views.serve(request, path)


def find_page(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    home = home_page(site, Locale.get_active(), model=HomePage)
    if home is None or not home.live:
        return None
    slugs = [slug for slug in path.split("/") if slug]
    if not slugs:
        return home
    section = sections_of(home).get(slugs[0])
    # A routable page (Donate) routes what follows its address itself.
    if section is None or isinstance(section, RoutablePageMixin):
        return None
    if len(slugs) == 1:
        return section
    if len(slugs) == 2 and isinstance(section, NewsIndexPage):
        return story_at(f"{section.url_path}{slugs[1]}/")
    return None


def story_at(url_path):
    """The live story at `url_path` with its language, lead photo and topics, or None.

    One query of SQL of its own: the ORM's compiling of this select_related query of
    sixty columns cost more than the database's answer (issue 16)."""
    story_fields = NewsPage._meta.concrete_fields
    image_model = get_image_model()
    image_fields = image_model._meta.concrete_fields
    images = image_model._meta.db_table
    stories = NewsPage._meta.db_table
    columns = (
        f"{qualified_columns(story_fields)}, {qualified_columns(image_fields, 'lead_image')},"
        f" {topics_column(f'{stories}.page_ptr_id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {NewsPage._meta.db_table}"  # noqa: S608 (constants)
            f" INNER JOIN {Page._meta.db_table}"
            f' ON ({NewsPage._meta.db_table}."page_ptr_id" = {Page._meta.db_table}."id")'
            f" LEFT OUTER JOIN {images} lead_image"
            f' ON (lead_image."id" = {NewsPage._meta.db_table}."lead_image_id")'
            f' WHERE {Page._meta.db_table}."live" AND {Page._meta.db_table}."url_path" = %s'
            f' ORDER BY {Page._meta.db_table}."path" LIMIT 1',
            [url_path],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    story_attnames = [field.attname for field in story_fields]
    story = page_holding(NewsPage, dict(zip(story_attnames, row, strict=False)))
    story.locale = locales()[story.locale_id]
    story.topics_given = topics_from_column(row[-1])
    if story.lead_image_id is not None:
        image_attnames = [field.attname for field in image_fields]
        image_row = row[len(story_fields) : len(story_fields) + len(image_fields)]
        image_values = dict(zip(image_attnames, image_row, strict=True))
        story.lead_image = page_holding(image_model, image_values)
    return story


def sections_of(home):
    """{slug: page} of the live pages just below `home`, each as its own page type."""
    return remembered(
        ("sections", home.pk),
        lambda: {
            page.slug: page
            for path, page in upper_pages().items()
            if page.depth == home.depth + 1 and path.startswith(home.path)
        },
    )
