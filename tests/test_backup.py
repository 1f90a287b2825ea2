"""A backup brings back the pages, snippets, messages and photos exactly as they were."""

import datetime
import json
import stat
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.images.models import Image
from wagtail.models import Page

from core.cache import content_version
from home.models import OrganisationAddress
from tests.factories import (
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
)

# pg_dump reads the database through its own connection: the data must be committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site_content(home, media_root):
    from home.setup import create_contact_page

    OrganisationAddressFactory()
    year = NewsIndexPageFactory(parent=home, year=2014)
    NewsPageFactory(
        parent=year,
        title="Whitewash Goes to Prison",
        date=datetime.date(2014, 10, 29),
        lead_image=ImageFactory(title="Yodok camp"),
    )
    create_contact_page(home, [])
    FormSubmission.objects.create(
        page=Page.objects.get(slug="contact"),
        form_data={"your_name": "Hanako", "your_message": "How can I help?"},
    )


def snapshot(media_root):
    """What a visitor, an editor and the finance team would notice."""
    return {
        "pages": sorted(Page.objects.values_list("title", "url_path", "live")),
        "address": list(OrganisationAddress.objects.values("telephone", "address_lines")),
        "messages": [submission.form_data for submission in FormSubmission.objects.all()],
        "images": sorted(Image.objects.values_list("title", flat=True)),
        "media": sorted(
            str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()
        ),
    }


def test_a_backup_round_trip_restores_everything(site_content, media_root, tmp_path, capsys):
    before = snapshot(media_root)
    assert before["media"]  # the photo is on disk

    call_command("backup", directory=tmp_path / "backups")
    archive = next((tmp_path / "backups").glob("lfnkr-*.tar.gz"))
    assert "Backup written to" in capsys.readouterr().out

    # A bad day: a story deleted, the address mangled, messages and photos gone.
    Page.objects.get(title="Whitewash Goes to Prison").delete()
    OrganisationAddress.objects.update(telephone="wrong")
    FormSubmission.objects.all().delete()
    Image.objects.all().delete()
    for path in media_root.rglob("*.png"):
        path.unlink()
    assert snapshot(media_root) != before

    call_command("restore", str(archive))
    assert snapshot(media_root) == before


def test_the_archive_is_dated_and_says_what_it_holds(site_content, tmp_path):
    call_command("backup", directory=tmp_path)
    archive = next(tmp_path.glob("lfnkr-*.tar.gz"))
    assert archive.name.startswith(f"lfnkr-{timezone.localdate():%Y%m%d}-")
    with tarfile.open(archive) as contents:
        names = contents.getnames()
        manifest = json.load(contents.extractfile("manifest.json"))
    assert manifest["database_file"] in names
    assert any(name.startswith("media/original_images/") for name in names)


def test_restoring_something_that_is_not_a_backup_changes_nothing(site_content, tmp_path):
    before = Page.objects.count()
    with pytest.raises(CommandError, match="There is no backup at"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))
    stranger = tmp_path / "holiday-photos.tar.gz"
    with tarfile.open(stranger, "w:gz") as archive:
        archive.add(__file__, arcname="photo.jpg")
    with pytest.raises(CommandError, match="is not a backup of this site"):
        call_command("restore", str(stranger))
    assert Page.objects.count() == before


def test_only_the_account_running_the_site_can_read_a_backup(site_content, tmp_path):
    folder = tmp_path / "backups"
    call_command("backup", directory=folder)
    backup = next(folder.glob("lfnkr-*.tar.gz"))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_restore_makes_every_cached_page_stale(site_content, tmp_path):
    call_command("backup", directory=tmp_path)
    backup = next(tmp_path.glob("lfnkr-*.tar.gz"))
    before = content_version()
    call_command("restore", str(backup))
    assert content_version() > before
