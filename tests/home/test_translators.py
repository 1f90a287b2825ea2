"""Translators translate and publish the Japanese site, and cannot touch the English one."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from core.translation import TRANSLATORS
from news.models import NewsPage
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    japanese,
    sign_in_verified,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(client, django_user_model):
    user = django_user_model.objects.create_user("yuki", password="pw")
    user.groups.add(Group.objects.get(name=TRANSLATORS))
    sign_in_verified(client, user)
    return user


@pytest.fixture
def stories(home):
    japanese_home = translate_page(home, title="北朝鮮難民救援基金")
    year = NewsIndexPageFactory(parent=home, year=2014)
    english = NewsPageFactory(parent=year, title="English story", date=datetime.date(2014, 5, 23))
    translate_page(year, title="2014年のニュース")
    draft = english.copy_for_translation(japanese())
    return {
        "home": japanese_home,
        "english": english,
        "japanese": NewsPage.objects.get(pk=draft.pk),
    }


def refused(response):
    """Wagtail's admin answers a refused permission by sending the user to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def edit_data(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "date": str(page.date or ""),
        "summary": page.summary,
        "body": streamfield([]),
        **changes,
    }
    return nested_form_data(data)


def test_the_group_comes_from_a_migration_with_translation_permissions(db):
    group = Group.objects.get(name=TRANSLATORS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "submit_translation", "change_organisationaddress"} <= codenames
    assert "delete_donationoption" not in codenames


def test_a_translator_publishes_a_japanese_story(client, translator, stories):
    japanese_story = stories["japanese"]
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[japanese_story.pk]),
        edit_data(japanese_story, title="日本語の記事", **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    japanese_story.refresh_from_db()
    assert japanese_story.live and japanese_story.title == "日本語の記事"
    assert "日本語の記事" in client.get(japanese_story.url).content.decode()


def test_a_translator_cannot_edit_or_publish_an_english_story(client, translator, stories):
    english = stories["english"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert refused(client.get(edit_url))
    client.post(edit_url, edit_data(english, title="Changed", **{"action-publish": "publish"}))
    english.refresh_from_db()
    assert english.title == "English story"
    assert not english.has_unpublished_changes


def test_a_translator_cannot_add_english_pages(client, translator, stories):
    english_year = stories["english"].get_parent()
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", english_year.pk])
    client.post(url, edit_data(stories["english"], title="Sneaky", slug="sneaky"))
    assert not NewsPage.objects.filter(slug="sneaky").exists()


def test_a_translator_edits_japanese_snippets_only(client, translator, stories):
    english = OrganisationAddressFactory()
    japanese_address = english.copy_for_translation(japanese())
    japanese_address.save()
    english_url = reverse("wagtailsnippets_home_organisationaddress:edit", args=[english.pk])
    japanese_url = reverse(
        "wagtailsnippets_home_organisationaddress:edit", args=[japanese_address.pk]
    )
    assert refused(client.get(english_url))
    assert client.get(japanese_url).status_code == 200
    add_english = reverse("wagtailsnippets_home_organisationaddress:add") + "?locale=en"
    assert refused(client.get(add_english))


def test_translators_get_the_japanese_tree_however_it_is_created(stories):
    japanese_home = stories["home"]
    permissions = set(
        japanese_home.group_permissions.filter(group__name=TRANSLATORS).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= permissions


def test_a_translator_starts_the_japanese_translation_of_a_snippet(client, translator, stories):
    english = OrganisationAddressFactory()
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["home", "organisationaddress", english.pk],
    )
    response = client.post(url, {"locales": [japanese().pk]})
    assert response.status_code == 302
    translated = english.get_translation(japanese())
    edit_url = reverse("wagtailsnippets_home_organisationaddress:edit", args=[translated.pk])
    assert response["Location"] == edit_url
    assert client.get(edit_url).status_code == 200
