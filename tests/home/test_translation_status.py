"""Editors see what is only in English and which translations fell behind."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    sign_in_verified,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    sign_in_verified(
        client, django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    )
    return client


@pytest.fixture
def year(home):
    translate_page(home, title="北朝鮮難民救援基金")
    return NewsIndexPageFactory(parent=home, year=2014)


def status_page(client):
    response = client.get(reverse("translation_status"))
    assert response.status_code == 200
    return response.content.decode()


def test_stories_only_in_english_are_listed_with_a_translate_link(editor_client, year):
    story = NewsPageFactory(parent=year, title="Only in English")
    html = status_page(editor_client)
    assert "Only in English" in html
    translate_url = reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    assert f'href="{translate_url}?select_locale=ja"' in html
    assert "News years only in English (1)" in html


def test_a_translated_story_leaves_the_list(editor_client, year):
    story = NewsPageFactory(parent=year, title="Translated soon")
    translate_page(story, title="翻訳済み")
    assert "Translated soon" not in status_page(editor_client)


def test_a_story_republished_in_english_after_its_translation_is_out_of_date(editor_client, year):
    story = NewsPageFactory(parent=year, title="Changes later", date=datetime.date(2014, 1, 2))
    translate_page(story, title="後で変わる記事")
    html = status_page(editor_client)
    assert "pages out of date (0)" in html
    story.summary = "An update in English."
    story.save_revision().publish()
    html = status_page(editor_client)
    assert "pages out of date (1)" in html
    assert "後で変わる記事" in html


def test_snippets_only_in_english_are_listed_with_a_translate_link(editor_client, year):
    address = OrganisationAddressFactory()
    html = status_page(editor_client)
    assert "Snippets only in English (1)" in html
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["home", "organisationaddress", address.pk],
    )
    assert f'href="{url}?select_locale=ja"' in html
