"""The one stylesheet is served by whitenoise from a hashed, compressed file."""

import json
import re

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_collectstatic_writes_a_hashed_compressed_stylesheet_that_pages_link(
    settings, tmp_path, client, home
):
    settings.STATIC_ROOT = tmp_path
    # Only the project's own static folder, to keep the test fast.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)

    hashed = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]["css/site.css"]
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed)
    assert (tmp_path / f"{hashed}.gz").exists()
    assert f'href="/static/{hashed}"' in client.get("/en/").content.decode()
