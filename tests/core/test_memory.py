"""What every page shares is remembered per content version: a change reaches the
visitor at once, in this process and in every other (core.memory, issue 16)."""

import pytest
from django.db.models import F
from wagtail.models import PageViewRestriction

from core.models import ContentVersion
from tests.factories import NewsIndexPageFactory, NewsPageFactory, OrganisationAddressFactory

pytestmark = pytest.mark.django_db


def test_a_change_saved_by_another_worker_is_shown_on_the_next_request(client, home):
    address = OrganisationAddressFactory(city="Tokyo")
    assert "Tokyo, Japan" in client.get("/en/").content.decode()

    # Another worker saves the address: this process sees only the database.
    type(address).objects.filter(pk=address.pk).update(city="Osaka")
    assert "Tokyo, Japan" in client.get("/en/").content.decode()  # remembered
    ContentVersion.objects.update(value=F("value") + 1)  # that worker's signal

    html = client.get("/en/").content.decode()
    assert "Osaka, Japan" in html
    assert "Tokyo, Japan" not in html


def test_a_published_story_is_counted_and_listed_at_once(client, home):
    year = NewsIndexPageFactory(parent=home, year=2014)
    NewsPageFactory(parent=year, title="First story")
    assert ">2014</a> (1)" in client.get("/en/").content.decode()

    story = NewsPageFactory(parent=year, title="Second story", live=False)
    story.save_revision().publish()

    assert ">2014</a> (2)" in client.get("/en/").content.decode()
    assert "Second story" in client.get("/en/2014/").content.decode()


def test_a_section_made_private_is_private_at_once(client, home):
    year = NewsIndexPageFactory(parent=home, year=2014)
    story = NewsPageFactory(parent=year, title="Hidden soon")
    assert client.get(story.url).status_code == 200
    PageViewRestriction.objects.create(
        page=year, restriction_type=PageViewRestriction.PASSWORD, password="secret-words"
    )
    response = client.get(story.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hidden soon" not in html
    assert 'name="password"' in html
