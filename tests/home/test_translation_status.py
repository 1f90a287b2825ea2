"""Editors and translators see what is only in English, what is being translated,
which translations fell behind and which are current."""

import datetime
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.models import StringSegment, Translation

from home import translation_status
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    StandardPageFactory,
    japanese,
    member_of,
    sign_in_verified,
    start_translation,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "e@example.org", "pw", first_name="Emi", last_name="Editor"
    )


@pytest.fixture
def editor_client(client, editor):
    return sign_in_verified(client, editor)


@pytest.fixture
def translator(db):
    user = member_of("Translators")
    user.first_name, user.last_name = "Yuki", "Translator"
    user.save()
    return user


@pytest.fixture
def year(home):
    translate_page(home, title="北朝鮮難民救援基金")
    return NewsIndexPageFactory(parent=home, year=2014)


@pytest.fixture
def japanese_year(year):
    """Stories are translated into a Japanese year: with it in place, starting a
    story's translation makes that one draft and nothing else."""
    translate_page(year, title="2014年")
    return year


def status_page(client):
    response = client.get(reverse("translation_status"))
    assert response.status_code == 200
    return response.content.decode()


def section(html, heading_id):
    """The HTML of one section of the page, found by its heading's id."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def translate_a_string(client, japanese_page, text):
    """Type one string into wagtail-localize's editor: it saves it at once, as the
    editor's JavaScript does, without saving the page."""
    translation = Translation.objects.get(
        source__object_id=japanese_page.translation_key, target_locale=japanese_page.locale
    )
    segment = StringSegment.objects.filter(source=translation.source).order_by("order").first()
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": text}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)


def test_stories_only_in_english_are_listed_newest_first_with_a_translate_link(editor_client, year):
    older = NewsPageFactory(parent=year, title="Older story", date=datetime.date(2014, 3, 1))
    NewsPageFactory(parent=year, title="Newer story", date=datetime.date(2014, 9, 1))
    html = section(status_page(editor_client), "only-in-english-heading")
    assert "News stories (2)" in html
    assert html.index("Newer story") < html.index("Older story")
    translate_url = reverse("wagtail_localize:submit_page_translation", args=[older.pk])
    assert f'href="{translate_url}?select_locale=ja"' in html


def test_other_pages_only_in_english_are_listed_with_a_translate_link(editor_client, year):
    about = StandardPageFactory(parent=year.get_parent(), title="About the fund")
    html = section(status_page(editor_client), "only-in-english-heading")
    assert "Other pages (1)" in html
    assert "About the fund" in html
    translate_url = reverse("wagtail_localize:submit_page_translation", args=[about.pk])
    assert f'href="{translate_url}?select_locale=ja"' in html


def test_a_translated_story_leaves_the_list(editor_client, year):
    story = NewsPageFactory(parent=year, title="Translated soon")
    translate_page(story, title="翻訳済み")
    assert "Translated soon" not in section(status_page(editor_client), "only-in-english-heading")


def test_a_started_translation_is_in_progress_and_a_translator_resumes_it(
    client, editor, translator, japanese_year
):
    story = NewsPageFactory(parent=japanese_year, title="Half done")
    sign_in_verified(client, editor)
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[story.pk]),
        {"locales": [japanese().pk]},
    )
    draft = story.get_translation(japanese())
    assert not draft.live

    sign_in_verified(client, translator)
    translate_a_string(client, draft, "半分")
    html = status_page(client)
    assert "Half done" not in section(html, "only-in-english-heading")
    progress = section(html, "in-progress-heading")
    assert "In progress (1)" in progress
    assert "Half done" in progress
    # The translator typed after the editor submitted: the work is theirs.
    assert "Yuki Translator" in progress
    assert "Emi Editor" not in progress
    assert f'href="{edit_url(draft)}"' in progress
    assert "Continue translating" in progress

    response = client.get(edit_url(draft))
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]


def test_in_progress_lists_the_latest_work_first(client, translator, japanese_year):
    first = NewsPageFactory(parent=japanese_year, title="Started first")
    second = NewsPageFactory(parent=japanese_year, title="Started second")
    first_draft = start_translation(first, translator)
    start_translation(second, translator)
    sign_in_verified(client, translator)
    translate_a_string(client, first_draft, "最初")
    progress = section(status_page(client), "in-progress-heading")
    assert progress.index("Started first") < progress.index("Started second")


def test_publishing_a_translation_moves_it_from_in_progress_to_up_to_date(
    editor_client, translator, japanese_year
):
    story = NewsPageFactory(parent=japanese_year, title="Soon finished")
    draft = start_translation(story, translator)
    assert "In progress (1)" in status_page(editor_client)
    draft.get_latest_revision().publish()
    html = status_page(editor_client)
    assert "In progress (0)" in html
    assert "Soon finished" in section(html, "up-to-date-heading")


def test_up_to_date_shows_the_newest_and_counts_the_rest(editor_client, year, monkeypatch):
    monkeypatch.setattr(translation_status, "UP_TO_DATE_SHOWN", 2)
    for day in (1, 2, 3):
        story = NewsPageFactory(parent=year, date=datetime.date(2014, 5, day))
        translate_page(story, title=f"最新の記事{day}")
    # The home page, the 2014 year and three stories.
    up_to_date = section(status_page(editor_client), "up-to-date-heading")
    assert "pages up to date (5)" in up_to_date
    assert "最新の記事3" in up_to_date and "最新の記事2" in up_to_date
    assert "最新の記事1" not in up_to_date
    assert "…and 3 more" in up_to_date


def test_a_story_republished_in_english_after_its_translation_is_out_of_date(editor_client, year):
    story = NewsPageFactory(parent=year, title="Changes later", date=datetime.date(2014, 1, 2))
    translate_page(story, title="後で変わる記事")
    html = status_page(editor_client)
    assert "pages out of date (0)" in html
    story.summary = "An update in English."
    story.save_revision().publish()
    html = status_page(editor_client)
    assert "pages out of date (1)" in html
    assert "後で変わる記事" in section(html, "out-of-date-heading")
    assert "後で変わる記事" not in section(html, "up-to-date-heading")


def test_snippets_only_in_english_are_listed_with_a_translate_link(editor_client, year):
    address = OrganisationAddressFactory()
    html = section(status_page(editor_client), "only-in-english-heading")
    assert "Snippets (1)" in html
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["home", "organisationaddress", address.pk],
    )
    assert f'href="{url}?select_locale=ja"' in html


def test_the_page_costs_the_same_queries_for_3_or_30_stories(client, translator, japanese_year):
    def add_stories(count):
        for _ in range(count):
            NewsPageFactory(parent=japanese_year)
            draft = start_translation(NewsPageFactory(parent=japanese_year), translator)
            translate_a_string(client, draft, "翻訳中")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            html = status_page(client)
        return len(captured), html

    sign_in_verified(client, translator)
    add_stories(3)
    status_page(client)  # the first request fills per-process caches (content types)
    with_3, html = queries()
    assert "In progress (3)" in html
    add_stories(27)
    status_page(client)  # the first request after a publish fills per-process memory again
    with_30, html = queries()
    assert "In progress (30)" in html
    assert "News stories (30)" in html
    assert with_30 == with_3
    assert with_3 <= 30  # 24 when written, most of them the admin's own (session, menu)
