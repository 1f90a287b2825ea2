"""A large site for the benchmark (bench/): many years of realistic stories.

The real archive is imported first (home pages in both languages, address,
donation options, contact page); then every year gets stories up to the number
asked for, their bodies built from the archive's own paragraphs, and a share of
them a Japanese translation. It refuses any database whose name lacks "bench".
"""

import datetime
import itertools
import random

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale
from wagtail.rich_text import RichText

from core.pages import add_live_child, home_page
from core.translation import japanese_locale, translate_with_sample_text
from news.archive import default_archive_path, parse_archive
from news.models import NewsIndexPage, NewsPage

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

    def handle(self, *args, years, stories_per_year, last_year, japanese_share, **options):
        name = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in name:
            raise CommandError(f"Refusing to fill {name}: a benchmark database's name says bench.")
        call_command("import_archive", verbosity=0, stdout=self.stdout)
        home = home_page(locale=Locale.get_default())
        old_page = parse_archive(default_archive_path().read_text(encoding="utf-8"))
        paragraphs = [text for item in old_page.items for text in item.paragraphs]
        titles = [item.title for item in old_page.items]
        words = itertools.cycle(paragraphs)
        randomiser = random.Random(2026)  # noqa: S311 (the same site every time, not secrets)
        translate_every = round(1 / japanese_share) if japanese_share else 0
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
        self.stdout.write(f"Created {created} stories; {NewsPage.objects.count()} in all.")

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
