"""A story moved to another year or renamed keeps its old address working."""

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


def test_renaming_a_story_in_the_admin_redirects_its_old_address(
    admin_client, client, story, django_capture_on_commit_callbacks
):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    old_url = story.url
    data = nested_form_data(
        {
            "title": story.title,
            "slug": "filed-in-the-right-year",
            "date": "2014-05-01",
            "summary": story.summary,
            "body": streamfield([]),
        }
    )
    # Wagtail makes the redirect once the change is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/pages/{story.pk}/edit/", {**data, "action-publish": "1"}
        )
    assert response.status_code == 302
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"].endswith("/en/2014/filed-in-the-right-year/")
