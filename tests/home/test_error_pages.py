"""Errors are shown in the site's look and the visitor's language."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "text"), [("/en/", "Page not found"), ("/ja/", "ページが見つかりません")]
)
def test_a_missing_page_answers_404_in_the_visitors_language(client, home, prefix, text):
    from tests.factories import translate_page

    translate_page(home, title="北朝鮮難民救援基金")
    response = client.get(prefix + "no-such-story/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f"<h1>{text}</h1>" in html
    assert 'class="site-header"' in html


def test_the_500_page_renders_without_the_database():
    # No django_db mark: pytest-django refuses any query this test makes.
    with translation.override("ja"):
        html = render_to_string("500.html")
    assert "サーバーエラー" in html
