"""What every page type shares: finding the site's home page, and describing itself
to search engines and social networks (core/templatetags/metadata.py renders it)."""

import functools
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site
from wagtail_localize.fields import SynchronizedField

from core.lookups import view_restrictions_of
from core.memory import remembered

DESCRIPTION_LENGTH = 300
# The characters Django's reverse() leaves unquoted in a path (django.urls.resolvers).
REVERSE_SAFE = RFC3986_SUBDELIMS + "/~:@"
# Search engines always get a sentence, even for a page editors left without one.
WHO_WE_ARE = _(
    "Life Funds for North Korean Refugees, an NGO in Tokyo, rescues North Korean "
    "refugees hiding in China and reports on human rights in North Korea."
)


def home_page(site=None, locale=None, *, model=Page):
    """The home page of `site` (the default site) in `locale` (the active language), or None.

    Each language's home page is a translation of the site's root page.
    """
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    locale = locale or Locale.get_active()

    def find():
        same_home = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        return model.objects.filter(translation_key__in=Subquery(same_home), locale=locale).first()

    return remembered(("home", site.pk, locale.pk, model._meta.label), find)


def home_page_for_request(request, locale=None, *, model=Page):
    """The home page of the visitor's site in `locale` (the active language), or None."""
    site = Site.find_for_request(request)
    return home_page(site, locale, model=model) if site else None


def home_of(page):
    """The home page of the language tree `page` is in (each home is a child of the root)."""
    home_path = page.path[: 2 * Page.steplen]
    return upper_pages().get(home_path) or Page.objects.filter(path=home_path).first()


# The home pages and the pages just below them (news years, contact, Donate ...): few,
# and every page's breadcrumb and listings start from them.
UPPER_DEPTHS = (2, 3)


def upper_pages():
    """{tree path: page} of the live pages at UPPER_DEPTHS, each as its own page type,
    remembered per content version (core.memory)."""
    return remembered(
        "upper-pages",
        lambda: {
            page.path: page
            for page in Page.objects.live().filter(depth__in=UPPER_DEPTHS).specific()
        },
    )


def original_home(home):
    """The home page that `home` translates (the default language's), or None for that one.

    Kept on the instance: every listing of a request asks for it.
    """
    if not hasattr(home, "_original_home"):
        home._original_home = (
            Page.objects.filter(
                translation_key=home.translation_key, locale__language_code=settings.LANGUAGE_CODE
            )
            .exclude(pk=home.pk)
            .first()
        )
    return home._original_home


def shown_on_site_of(home, *, listing=False):
    """A filter of the pages `home`'s visitors read in listings and search results.

    A translated site (the Japanese) also shows the original site's pages that are not
    yet translated into its language, so its readers miss nothing; each stays in its
    own language and leads to its own page until its translation is live and takes
    its place. (Apply with live() and public().)

    For a `listing` (a few pages read in an index's order) whether a page is
    translated is asked of the translation key index page by page: NOT IN (every
    live translation) had the database read them all and then sort the whole
    archive, 230 ms for the Japanese home page's ten stories at 100,000, 1 ms this
    way. A count or a search, which read every match, keep NOT IN: reading the
    translations once beats asking for each of tens of thousands (issue 16).
    """
    own = Q(path__startswith=home.path)
    original = original_home(home)
    if original is None:
        return own
    translated = Page.objects.filter(locale_id=home.locale_id, live=True)
    if listing:
        untranslated = ~Exists(translated.filter(translation_key=OuterRef("translation_key")))
    else:
        untranslated = ~Q(translation_key__in=translated.values("translation_key"))
    return own | (Q(path__startswith=original.path) & untranslated)


# What a link to a page needs (its address, title and language), from Wagtail's table.
LINK_COLUMNS = ("id", "path", "depth", "url_path", "title", "locale_id", "translation_key")


def live_translations_of(page):
    """The live pages of `page`'s translation key (itself included if live), as objects
    of its type holding only LINK_COLUMNS: hreflang links and the language switcher
    read no more. SQL of its own: the ORM's compiling of this query was a seventh of
    a home page's time (issue 16)."""
    key = translation_key_value(page.translation_key)
    columns = ", ".join(f'"{column}"' for column in LINK_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {Page._meta.db_table}"  # noqa: S608 (constants)
            " WHERE translation_key = %s AND live ORDER BY path",
            [key],
        )
        rows = cursor.fetchall()
    return [page_holding(type(page), dict(zip(LINK_COLUMNS, row, strict=True))) for row in rows]


def translation_key_value(key):
    """A translation key as the database takes it in a query of SQL of our own
    (SQLite keeps UUIDs as hex text)."""
    return Page._meta.get_field("translation_key").get_db_prep_value(key, connection)


def qualified_columns(fields, table=None):
    """The SQL columns of model `fields`, each named with its table (`table` when
    given, else the table of the model that holds the field)."""
    return ", ".join(f'{table or field.model._meta.db_table}."{field.column}"' for field in fields)


def page_holding(model, values):
    """A `model` object of the page whose fields `values` gives ({attname: the value as
    the database returned it}), converted as the ORM converts them; its other fields
    are deferred (read from the database if ever asked for)."""
    field_names, converted = [], []
    for attname, parent_link, column, converters in fields_read(model):
        if parent_link:
            value = values["id"]  # the page_ptr_id of a page type
        elif attname in values:
            value = values[attname]
        else:
            continue
        for converter in converters:
            value = converter(value, column, connection)
        field_names.append(attname)
        converted.append(value)
    return model.from_db(connection.alias, field_names, converted)


@functools.cache
def fields_read(model):
    """[(attname, whether it links to the parent table, column, converters)] of each
    concrete field of `model`: looked up once, not for each field of each page read
    (a field's hash alone was a third of page_holding()'s time)."""
    return [
        (
            field.attname,
            bool(field.remote_field and field.remote_field.parent_link),
            *converters_of(field),
        )
        for field in model._meta.concrete_fields
    ]


def converters_of(field):
    """(column, converters) the ORM applies to `field`'s values read from the database
    (SQLite's dates and UUIDs come as text)."""
    column = field.get_col(field.model._meta.db_table)
    return column, [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)]


def first_paragraph(text):
    return (text or "").split("\n\n", 1)[0].strip()


def first_body_image(body):
    """(image, its description) of the first picture in a StreamField body, or None.
    An image block whose picture is not chosen yet (a draft in preview) is no picture."""
    for block in body or []:
        if block.block_type == "image" and block.value["image"] is not None:
            return block.value["image"], block.value["alt_text"]
    return None


class PageMetadataMixin:
    """A page that says what it is about: a description, a share image, structured data.

    Page types override the parts they know better; the defaults read
    `description_source()`, which each page type points at its summary or intro.
    """

    # A translation keeps its original's slug: translators have nothing to do on the
    # Promote tab, and Japanese URLs stay readable (no percent-encoded words).
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    def get_url_parts(self, request=None):
        """Wagtail's answer without its reverse() under translation.override() for every
        link (an eighth of a story page's time): each page is served at its language's
        prefix and its path below its home (i18n_patterns in site/urls.py), quoted as
        reverse() quotes it. A page in several sites, or in none, is left to Wagtail."""
        possible_sites = self._get_relevant_site_root_paths(request)
        if len(possible_sites) != 1:
            return super().get_url_parts(request)
        site_id, root_path, root_url, language_code = possible_sites[0]
        path = f"{language_code}/{self.url_path[len(root_path) :]}"
        return site_id, root_url, get_script_prefix() + quote(path, safe=REVERSE_SAFE)

    def trail(self):
        """The page's ancestors below the root, for its breadcrumb: from memory where
        they are live upper pages, else from the database."""
        paths = [self.path[:end] for end in range(2 * Page.steplen, len(self.path), Page.steplen)]
        known = upper_pages()
        if all(path in known for path in paths):
            return [known[path] for path in paths]
        return list(self.get_ancestors().filter(depth__gt=1))

    def get_view_restrictions(self):
        # From memory: Wagtail asks for every page it serves (core.lookups).
        restrictions = view_restrictions_of(self)
        return super().get_view_restrictions() if restrictions is None else restrictions

    def description_source(self):
        """Plain text the description is drawn from: the summary or intro."""
        return ""

    def get_meta_description(self):
        if self.search_description:
            return self.search_description
        paragraph = first_paragraph(self.description_source())
        return Truncator(paragraph).chars(DESCRIPTION_LENGTH) or str(WHO_WE_ARE)

    def get_share_image(self):
        """(image, its description) shown where the page is shared; None for the site's own."""
        return None

    def get_structured_data(self, *, url, description, image_url, organisation):
        """schema.org data about the page (a dict for JSON-LD), or None."""
        return None


def rich_text_as_plain(html):
    return strip_tags(html or "").strip()


def add_live_child(parent, page):
    """Add a live page in one save: an import of hundreds of pages needs no revisions."""
    page.live = True
    page.first_published_at = page.last_published_at = timezone.now()
    return parent.add_child(instance=page)
