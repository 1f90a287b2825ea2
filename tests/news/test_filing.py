"""Stories file themselves under their year; years make themselves in both languages."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.models import StringSegment, TranslationSource

from core.translation import japanese_locale
from news.models import NewsIndexPage, NewsPage
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    member_of,
    sign_in_verified,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2014(home):
    translate_page(home, title="北朝鮮難民救援基金")
    return NewsIndexPageFactory(parent=home, year=2014, title="News from 2014")


@pytest.fixture
def editor(client):
    sign_in_verified(client, member_of("Editors"))
    return client


def story_form(title, date):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "date": date,
            "summary": "",
            "body": streamfield([]),
        }
    )


def test_an_english_year_gets_its_japanese_page_with_a_japanese_title(year_2014):
    japanese = year_2014.get_translation(japanese_locale())
    assert (japanese.title, japanese.url, japanese.live) == ("2014年のニュース", "/ja/2014/", True)


def test_a_story_dated_next_year_creates_that_year_in_both_languages(client, editor, year_2014):
    # An editor saves a draft (publishing goes through moderation).
    response = editor.post(
        reverse("wagtailadmin_pages:add", args=["news", "newspage", year_2014.pk]),
        story_form("Rescued in the new year", "2027-01-05"),
        follow=True,
    )
    assert response.status_code == 200
    assert "Filed under “News from 2027”." in response.content.decode()
    story = NewsPage.objects.get(title="Rescued in the new year")
    story.get_latest_revision().publish()
    english_year = NewsIndexPage.objects.get(locale__language_code="en", year=2027)
    japanese_year = english_year.get_translation(japanese_locale())
    assert story.get_parent().pk == english_year.pk and story.filed_year == 2027
    assert (english_year.live, english_year.url) == (True, "/en/2027/")
    assert (japanese_year.title, japanese_year.live) == ("2027年のニュース", True)
    assert "Rescued in the new year" in client.get("/en/2027/").content.decode()
    japanese_listing = client.get("/ja/2027/").content.decode()
    assert '<span class="language-label">英語</span> <a href="/en/2027/' in japanese_listing
    # The years menu has the new year in both languages.
    assert 'href="/ja/2027/"' in client.get("/ja/").content.decode()


def test_publishing_a_new_date_moves_the_story_and_its_translation(client, year_2014):
    story = NewsPageFactory(parent=year_2014, title="Dated wrongly", date=datetime.date(2014, 3, 1))
    translation = translate_page(story, title="日付の誤り")
    moderator = Client()
    sign_in_verified(moderator, member_of("Moderators"))
    response = moderator.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        {**story_form("Dated wrongly", "2013-03-01"), "slug": story.slug, "action-publish": "1"},
        follow=True,
    )
    assert "Filed under “News from 2013”." in response.content.decode()
    story.refresh_from_db()
    translation.refresh_from_db()
    assert story.url == f"/en/2013/{story.slug}/" and story.filed_year == 2013
    assert translation.get_parent().title == "2013年のニュース" and translation.filed_year == 2013
    assert "日付の誤り" in client.get("/ja/2013/").content.decode()
    assert "日付の誤り" not in client.get("/ja/2014/").content.decode()


def test_a_new_date_in_a_draft_moves_the_live_story_only_once_approved(client, editor, year_2014):
    story = NewsPageFactory(parent=year_2014, title="Dated wrongly", date=datetime.date(2014, 3, 1))
    live_url = story.url
    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        {**story_form("Dated wrongly", "2013-03-01"), "slug": story.slug, "action-submit": "1"},
    )
    assert response.status_code == 302
    # Waiting for a moderator, the live story keeps its address and its year.
    story.refresh_from_db()
    assert story.url == live_url and story.filed_year == 2014
    assert client.get(live_url).status_code == 200
    assert "Dated wrongly" not in client.get("/en/2013/").content.decode()

    moderator = Client()
    sign_in_verified(moderator, member_of("Moderators"))
    task_state = WorkflowState.objects.get(object_id=str(story.pk)).current_task_state
    moderator.post(
        reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk])
    )
    story.refresh_from_db()
    assert story.url == f"/en/2013/{story.slug}/" and story.filed_year == 2013
    assert "Dated wrongly" in client.get("/en/2013/").content.decode()


def test_translating_a_story_never_puts_an_english_page_in_the_japanese_site(year_2014):
    story = NewsPageFactory(parent=year_2014, title="To translate")
    source, _ = TranslationSource.get_or_create_from_instance(story)
    source.create_or_update_translation(japanese_locale(), copy_parent_pages=True, fallback=True)
    japanese_pages = Page.objects.filter(locale=japanese_locale())
    assert not japanese_pages.filter(title__startswith="News from").exists()
    assert japanese_pages.filter(title="2014年のニュース").count() == 1


def test_the_slug_is_no_string_to_translate(year_2014):
    story = NewsPageFactory(parent=year_2014, title="Plain URL", slug="plain-url")
    source, _ = TranslationSource.get_or_create_from_instance(story)
    paths = set(StringSegment.objects.filter(source=source).values_list("context__path", flat=True))
    assert "title" in paths and "slug" not in paths
    japanese = translate_page(story, title="分かりやすいURL")
    assert japanese.url == "/ja/2014/plain-url/"


def test_add_news_opens_a_new_story_for_editors_only(client, editor, year_2014):
    NewsIndexPageFactory(parent=year_2014.get_parent(), year=2013)
    response = editor.get(reverse("add_news"))
    assert response["Location"] == reverse(
        "wagtailadmin_pages:add", args=["news", "newspage", year_2014.pk]
    )
    # The admin menu is drawn from JSON in the page.
    assert '"/admin/add-news/"' in editor.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    sign_in_verified(client, member_of("Translators"))
    # Wagtail's admin answers a refusal with its dashboard and "no permission".
    assert client.get(reverse("add_news"))["Location"] == reverse("wagtailadmin_home")
    assert "/admin/add-news/" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_corrected_year_is_its_stories_year_too(client, year_2014):
    story = NewsPageFactory(parent=year_2014, title="Undated", date=None)
    year_2014.year = 2015
    year_2014.save_revision().publish()
    story.refresh_from_db()
    assert story.filed_year == 2015
    assert "Undated" in client.get("/en/2015/").content.decode()
