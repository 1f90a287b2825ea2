"""Logged-in editors get Wagtail's user bar, with its accessibility checker, on public pages."""

import pytest

from tests.factories import NewsIndexPageFactory, NewsPageFactory, member_of, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(home):
    return NewsPageFactory(parent=NewsIndexPageFactory(parent=home, year=2014))


def test_an_editor_sees_the_user_bar_with_the_accessibility_checker(client, story):
    sign_in_verified(client, member_of("Editors"))
    html = client.get(story.url).content.decode()
    assert 'id="wagtail-userbar-template"' in html
    assert 'id="checker-axe-configuration"' in html  # the checker's rules, run in the browser
    assert f"/admin/pages/{story.pk}/edit/" in html


def test_visitors_get_no_user_bar(client, story):
    html = client.get(story.url).content.decode()
    assert "wagtail-userbar" not in html
    assert "checker-axe-configuration" not in html
