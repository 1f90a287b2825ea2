"""`make run` ends its start-up with the site's address and the administrator's log-in."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.commands.runserver import Command as RunserverCommand

from core.management.commands.runsite import LOGIN_VARIABLE

pytestmark = pytest.mark.django_db


def test_the_last_lines_are_the_address_and_the_log_in(monkeypatch):
    monkeypatch.setenv(LOGIN_VARIABLE, "")
    monkeypatch.delenv(LOGIN_VARIABLE)  # restored to unset after the test
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("ADMIN_USERNAME", "admin")
    # The server "starts" at once: what it prints on binding its port is all we need.
    monkeypatch.setattr(RunserverCommand, "run", lambda self, **options: self.on_bind(8000))
    output = StringIO()
    call_command("runsite", "127.0.0.1:8000", stdout=output, no_color=True)
    last_lines = output.getvalue().strip().splitlines()[-5:]
    assert last_lines[0] == "The site:  http://127.0.0.1:8000/"
    assert last_lines[1] == "The admin: http://127.0.0.1:8000/admin/"
    assert last_lines[3].startswith("Log in at /admin/ as “admin” with the password: ")
    assert "shown only this once" in last_lines[4]
