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


@pytest.fixture
def failing_home_page(monkeypatch):
    from home.models import HomePage

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the home page")

    monkeypatch.setattr(HomePage, "get_context", broken)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "heading"), [("/en/", "Server error"), ("/ja/", "サーバーエラー")]
)
def test_a_failing_page_answers_500_in_the_visitors_language_with_its_donate_button(
    client, home, failing_home_page, prefix, heading
):
    from tests.factories import DonatePageFactory, translate_page

    translate_page(home, title="北朝鮮難民救援基金")
    donate = DonatePageFactory(parent=home)
    translate_page(donate, title="寄付する")
    client.raise_request_exception = False
    response = client.get(prefix)
    assert response.status_code == 500
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'<html lang="{prefix.strip("/")}">' in html
    assert f'<a class="donate-button" href="{prefix}donate/">' in html


@pytest.fixture
def database_down(monkeypatch):
    """Every new query fails as if the database server had gone away."""
    from django.db import OperationalError
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(self):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    return monkeypatch


@pytest.mark.django_db
def test_while_the_database_is_away_pages_answer_503_then_recover(client, home, database_down):
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "<h1>Back in a moment</h1>" in response.content.decode()

    database_down.undo()
    assert client.get("/en/").status_code == 200


@pytest.mark.django_db
def test_the_500_page_renders_without_the_database_and_then_without_donate(database_down):
    with translation.override("ja"):
        html = render_to_string("500.html")
    assert "サーバーエラー" in html
    assert "donate-button" not in html


@pytest.fixture
def error_log():
    """What the site's standard-error log handler writes (gunicorn's error log)."""
    import io
    import logging

    handler = next(
        h for h in logging.getLogger("django").handlers if type(h) is logging.StreamHandler
    )
    written = io.StringIO()
    original = handler.setStream(written)
    yield written
    handler.setStream(original)


@pytest.mark.django_db
def test_a_500_leaves_its_traceback_in_the_log_and_mails_the_admins(
    client, home, failing_home_page, error_log, settings, mailoutbox
):
    settings.ADMINS = [("Kato", "kato@lfnkr.example")]
    client.raise_request_exception = False
    assert client.get("/en/").status_code == 500
    log = error_log.getvalue()
    assert "Traceback" in log and "RuntimeError: a bug in the home page" in log
    assert [message.to for message in mailoutbox] == [["kato@lfnkr.example"]]
    assert "a bug in the home page" in mailoutbox[0].body
