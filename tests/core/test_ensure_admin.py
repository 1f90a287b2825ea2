from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def signs_in(client, username, password):
    """The admin's login form accepts the account (and takes the user to the dashboard)."""
    response = client.post("/admin/login/", {"username": username, "password": password})
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_a_generated_password_is_printed_once_and_works(monkeypatch, client):
    monkeypatch.delenv("ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    first = run()
    password = first.split("with the password: ")[1].split()[0]
    assert signs_in(client, "admin", password)
    second = run()
    assert password not in second
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_the_account_can_come_from_the_environment(monkeypatch, client):
    monkeypatch.setenv("ADMIN_USERNAME", "kato")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-chosen-passphrase")
    output = run()
    assert "a-long-chosen-passphrase" not in output
    assert signs_in(client, "kato", "a-long-chosen-passphrase")
