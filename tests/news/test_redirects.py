"""A story moved to another year keeps its old address working."""

import datetime

import pytest

from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(home):
    year = NewsIndexPageFactory(parent=home, year=2014)
    return NewsPageFactory(
        parent=year, title="Filed in the wrong year", date=datetime.date(2013, 5, 1)
    )


def test_moving_a_story_to_another_year_redirects_its_old_address(client, home, story):
    old_url = story.url
    right_year = NewsIndexPageFactory(parent=home, year=2013)
    story.move(right_year, pos="last-child")
    story.refresh_from_db()
    assert story.url == "/en/2013/filed-in-the-wrong-year/"
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(story.url)
