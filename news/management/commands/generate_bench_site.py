"""A large site for the benchmark (bench/): many years of realistic stories.

The real archive is imported first (home pages in both languages, address,
donation options, contact page); then every year gets stories up to the number
asked for, their bodies built from the archive's own paragraphs, and a share of
them a Japanese translation. It refuses any database whose name lacks "bench".

Wagtail adds a page at a time (add_child, a few queries and a tree lock each):
about 30 stories a second, so 100,000 would take an hour. `--bulk` writes the same
stories (same titles, slugs, dates and bodies, from the same random sequence) with
a few INSERTs per thousand: the tree paths are computed here, and the search index
is rebuilt once at the end. Bulk rows get no revisions and no reference-index
entries, which visitors never see.
"""

import datetime
import itertools
import random
import re
import time
import uuid

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from core.pages import add_live_child, home_page
from core.translation import japanese_locale, translate_with_sample_text
from news.archive import default_archive_path, parse_archive
from news.models import NEWS_PER_PAGE, NewsIndexPage, NewsPage

JAPANESE_SENTENCES = [
    "中国に潜伏している北朝鮮難民の救出活動を続けています。",
    "脱北者の子どもたちは学校に通うこともできません。",
    "国連の調査委員会は深刻な人権侵害を報告しました。",
    "食料価格の高騰で多くの家族が飢えに苦しんでいます。",
    "支援者の皆様のご寄付が救出の費用になります。",
    "難民たちは夜の山道を歩いて国境を越えました。",
    "強制送還された人々は収容所に送られています。",
    "孤児たちのための保護施設は今も運営されています。",
]


class Command(BaseCommand):
    help = "Fill a benchmark database with many years of stories (see bench/README.md)."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=20)
        parser.add_argument("--stories-per-year", type=int, default=500)
        parser.add_argument("--last-year", type=int, default=2026)
        parser.add_argument(
            "--japanese-share", type=float, default=0.1, help="Share of stories translated."
        )
        parser.add_argument(
            "--bulk",
            action="store_true",
            help="Insert the stories in batches of SQL rows, then rebuild the search index "
            "(minutes for 100,000 instead of hours).",
        )

    def handle(self, *args, years, stories_per_year, last_year, japanese_share, bulk, **options):
        name = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in name:
            raise CommandError(f"Refusing to fill {name}: a benchmark database's name says bench.")
        started = time.monotonic()
        call_command("import_archive", verbosity=0, stdout=self.stdout)
        home = home_page(locale=Locale.get_default())
        old_page = parse_archive(default_archive_path().read_text(encoding="utf-8"))
        paragraphs = [text for item in old_page.items for text in item.paragraphs]
        titles = [item.title for item in old_page.items]
        words = itertools.cycle(paragraphs)
        randomiser = random.Random(2026)  # noqa: S311 (the same site every time, not secrets)
        translate_every = round(1 / japanese_share) if japanese_share else 0
        if bulk:
            stories_started = time.monotonic()
            builder = BulkStories(self, titles, words, randomiser, translate_every)
            for year in range(last_year - years + 1, last_year + 1):
                builder.fill_year(self.news_year(home, year), year, stories_per_year)
            inserted = time.monotonic()
            self.rebuild_search_index()
            finished = time.monotonic()
            self.stdout.write(
                f"Created {builder.created} stories and {builder.translated} translations "
                f"in {finished - stories_started:.0f} s ({inserted - stories_started:.0f} s "
                f"inserting, {finished - inserted:.0f} s indexing; the archive's import before "
                f"them {stories_started - started:.0f} s): "
                f"{builder.created / (finished - stories_started):.0f} stories/s; "
                f"{NewsPage.objects.count()} news pages in all."
            )
            check_site_answers(self, home, last_year, stories_per_year)
            return
        created = 0
        for year in range(last_year - years + 1, last_year + 1):
            with transaction.atomic():
                news_year = self.news_year(home, year)
                existing = NewsPage.objects.child_of(news_year).count()
                for number in range(existing, stories_per_year):
                    story = self.add_story(news_year, year, number, titles, words, randomiser)
                    created += 1
                    if translate_every and created % translate_every == 0:
                        self.translate(story, randomiser)
            self.stdout.write(f"{year}: {stories_per_year} stories")
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Created {created} stories in {elapsed:.0f} s ({created / elapsed:.0f} stories/s); "
            f"{NewsPage.objects.count()} in all."
        )

    def rebuild_search_index(self):
        """The site's own search table when it has one (update_search_entries, the
        command `manage.py help update_search_entries` finds), else Wagtail's index:
        bulk rows were never indexed on save."""
        has_own_search = "update_search_entries" in get_commands()
        command = "update_search_entries" if has_own_search else "update_index"
        self.stdout.write(f"Rebuilding the search index ({command}) ...")
        started = time.monotonic()
        call_command(command, verbosity=0)
        self.stdout.write(f"Search index rebuilt in {time.monotonic() - started:.0f} s.")

    def news_year(self, home, year):
        news_year = NewsIndexPage.objects.child_of(home).filter(year=year).first()
        if news_year is None:
            news_year = add_live_child(home, NewsIndexPage(title=str(year), year=year))
        translate_with_sample_text(news_year, {"title": f"{year}年のニュース"})
        return news_year

    def add_story(self, news_year, year, number, titles, words, randomiser):
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=number * 365 // 500)
        body = [("heading", randomiser.choice(titles))]
        body += [("paragraph", RichText(f"<p>{escape(next(words))}</p>")) for _ in range(4)]
        story = NewsPage(
            title=f"{randomiser.choice(titles)} ({year}-{number + 1})",
            slug=f"story-{year}-{number + 1}",
            date=day,
            summary=next(words),
            body=body,
            is_highlight=number % 100 == 0,
        )
        return add_live_child(news_year, story)

    def translate(self, story, randomiser):
        translation = story.copy_for_translation(japanese_locale())
        sentences = [randomiser.choice(JAPANESE_SENTENCES) for _ in range(6)]
        translation.title = f"{sentences[0][:20]}（{story.slug}）"
        translation.summary = sentences[1]
        translation.body = [("paragraph", RichText(f"<p>{''.join(sentences[2:])}</p>"))]
        translation.save_revision().publish()


class BulkStories:
    """The stories of `add_story` and `translate`, written in batches of rows.

    Each story's fields are set on an unsaved NewsPage, so the model's defaults and
    field conversions (StreamField JSON, booleans) are Django's own.
    """

    BATCH = 2000

    def __init__(self, command, titles, words, randomiser, translate_every):
        self.command = command
        self.titles = titles
        self.words = words
        self.randomiser = randomiser
        self.translate_every = translate_every
        self.japanese = japanese_locale()
        self.created = 0
        self.translated = 0

    def fill_year(self, news_year, year, stories_per_year):
        news_year_ja = news_year.get_translation(self.japanese)
        existing = NewsPage.objects.child_of(news_year).count()
        english, japanese = [], []
        # Rows in the order add_story and translate save them: a story, then its
        # translation. Stories of the same day are listed by id, so ties order alike.
        in_saving_order = []
        for number in range(existing, stories_per_year):
            # The random draws in add_story's and translate's order: the same site.
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=number * 365 // 500)
            body = [("heading", self.randomiser.choice(self.titles))]
            body += [
                ("paragraph", RichText(f"<p>{escape(next(self.words))}</p>")) for _ in range(4)
            ]
            story = NewsPage(
                title=f"{self.randomiser.choice(self.titles)} ({year}-{number + 1})",
                slug=f"story-{year}-{number + 1}",
                date=day,
                summary=next(self.words),
                body=body,
                is_highlight=number % 100 == 0,
                filed_year=year,
                translation_key=uuid.uuid4(),
            )
            english.append(story)
            in_saving_order.append(story)
            self.created += 1
            if self.translate_every and self.created % self.translate_every == 0:
                sentences = [self.randomiser.choice(JAPANESE_SENTENCES) for _ in range(6)]
                translation = NewsPage(
                    title=f"{sentences[0][:20]}（{story.slug}）",
                    slug=story.slug,
                    date=story.date,
                    summary=sentences[1],
                    body=[("paragraph", RichText(f"<p>{''.join(sentences[2:])}</p>"))],
                    is_highlight=story.is_highlight,
                    filed_year=year,
                    translation_key=story.translation_key,
                )
                japanese.append(translation)
                in_saving_order.append(translation)
        with transaction.atomic():
            published_at = timezone.now()
            for parent, children in ((news_year, english), (news_year_ja, japanese)):
                self.place_children(parent, children, published_at)
            self.insert(in_saving_order)
            for parent in (news_year, news_year_ja):
                depth = parent.depth + 1
                children = Page.objects.filter(path__startswith=parent.path, depth=depth)
                Page.objects.filter(pk=parent.pk).update(numchild=children.count())
        self.command.stdout.write(
            f"{year}: {stories_per_year} stories ({len(english)} inserted, "
            f"{len(japanese)} translated)"
        )
        self.translated += len(japanese)

    def place_children(self, parent, stories, published_at):
        """Give `stories` the tree positions and page fields of live children of
        `parent`, after its last child (what add_child and publish would set)."""
        if not stories:
            return
        # Lock the parent's row as add_child does: nobody else adds a child meanwhile.
        parent = Page.objects.select_for_update().get(pk=parent.pk)
        depth = parent.depth + 1
        last_path = Page.objects.filter(path__startswith=parent.path, depth=depth).aggregate(
            last=Max("path")
        )["last"]
        next_step = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
        for offset, story in enumerate(stories):
            story.path = Page._get_path(parent.path, depth, next_step + offset)
            story.depth = depth
            story.numchild = 0
            story.url_path = f"{parent.url_path}{story.slug}/"
            story.locale_id = parent.locale_id
            story.draft_title = story.title
            story.live = True
            story.has_unpublished_changes = False
            story.first_published_at = story.last_published_at = published_at

    def insert(self, stories):
        """The wagtailcore_page rows with bulk_create, then the news_newspage rows with
        their ids (bulk_create refuses multi-table models: that half uses the insert
        bulk_create is made of)."""
        page_fields = [
            field.attname for field in Page._meta.concrete_fields if not field.primary_key
        ]
        story_fields = NewsPage._meta.local_concrete_fields
        for start in range(0, len(stories), self.BATCH):
            batch = stories[start : start + self.BATCH]
            pages = Page.objects.bulk_create(
                [Page(**{name: getattr(story, name) for name in page_fields}) for story in batch]
            )
            for story, page in zip(batch, pages, strict=True):
                story.id = story.page_ptr_id = page.id
            NewsPage._base_manager._insert(batch, fields=story_fields, using=connection.alias)


# Treebeard's invariants (what `manage.py fixtree` checks), set-based: one query for
# the whole tree instead of two per page. Each count must be 0.
TREE_PROBLEMS = {
    "pages whose depth does not match their path": (
        "SELECT count(*) FROM wagtailcore_page WHERE depth * %(steplen)s <> length(path)"
    ),
    "pages without a parent": (
        "SELECT count(*) FROM wagtailcore_page child WHERE depth > 1 AND NOT EXISTS ("
        "SELECT 1 FROM wagtailcore_page parent "
        "WHERE parent.path = substr(child.path, 1, length(child.path) - %(steplen)s))"
    ),
    # Children counted per parent path in one pass (a LIKE per page is quadratic).
    "pages whose numchild is wrong": (
        "SELECT count(*) FROM wagtailcore_page parent LEFT JOIN ("
        "SELECT substr(path, 1, length(path) - %(steplen)s) AS parent_path, count(*) AS children "
        "FROM wagtailcore_page WHERE depth > 1 GROUP BY 1"
        ") counted ON counted.parent_path = parent.path "
        "WHERE parent.numchild <> coalesce(counted.children, 0)"
    ),
}


def check_tree():
    with connection.cursor() as cursor:
        for problem, query in TREE_PROBLEMS.items():
            cursor.execute(query, {"steplen": Page.steplen})
            count = cursor.fetchone()[0]
            if count:
                raise CommandError(f"The page tree is broken: {count} {problem}.")


def check_site_answers(command, home, last_year, stories_per_year):
    """Bulk rows skip the models' save() and signals: check the tree, and that
    visitors get the pages."""
    check_tree()
    last_page = -(-stories_per_year // NEWS_PER_PAGE)
    story = f"story-{last_year}-{stories_per_year // 2}"

    def finds_the_stories(html):
        # Search ranks the archive's own stories first: what shows the bulk stories
        # were indexed is how many it finds, at least a year's worth.
        found = re.search(r"results-count[^>]*>[^<]*?(\d[\d,]*)", html)
        return found is not None and int(found[1].replace(",", "")) >= stories_per_year

    checks = {
        "/en/": "story-",
        f"/en/{last_year}/": f"story-{last_year}-{stories_per_year}/",
        # The year's oldest stories (the archive's own may be among them).
        f"/en/{last_year}/?page={last_page}": f"/en/{last_year}/",
        f"/en/{last_year}/{story}/": f"({last_year}-{stories_per_year // 2})",
        f"/ja/{last_year}/": f"/ja/{last_year}/story-{last_year}-",
        "/en/search/?q=refugees": finds_the_stories,
        "/ja/search/?q=%E9%9B%A3%E6%B0%91": "story-",
    }
    # A host the settings accept; Wagtail serves its default site to any host.
    named_hosts = [host for host in settings.ALLOWED_HOSTS if host and "*" not in host]
    client = Client(HTTP_HOST=(named_hosts or ["localhost"])[0].lstrip("."))
    failures = []
    for path, expected in checks.items():
        response = client.get(path, follow=True)
        html = response.content.decode()
        shown = expected(html) if callable(expected) else expected in html
        if response.status_code != 200 or not shown:
            failures.append(f"{path}: {response.status_code}, stories not shown")
    if failures:
        raise CommandError("The bulk-built site does not show its stories: " + "; ".join(failures))
    command.stdout.write(
        f"Checked the page tree and {len(checks)} pages: each answers 200 and shows the stories."
    )
