"""What an Editor uploads reaches visitors only through a page a Moderator published."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from tests.factories import (
    ImageFactory,
    member_of,
    sign_in_verified,
    story_using,
    two_colour_image_file,
)

pytestmark = pytest.mark.django_db

REPORT = b"%PDF-1.4\n% the annual report the board approved\n%%EOF\n"
FORGED = b"%PDF-1.4\n% send your gift to another account\n%%EOF\n"


def signed_in(user):
    return sign_in_verified(Client(), user)


@pytest.fixture
def editor():
    return member_of("Editors")


@pytest.fixture
def moderator():
    return member_of("Moderators")


@pytest.fixture
def published_report(home, editor):
    report = Document.objects.create(
        title="Annual report 2014",
        file=ContentFile(REPORT, name="report.pdf"),
        uploaded_by_user=editor,
    )
    story_using(home, body=[("document", {"document": report, "link_text": "The report"})])
    return report


@pytest.fixture
def published_photo(home, editor):
    photo = ImageFactory(uploaded_by_user=editor)
    story_using(home, lead_image=photo)
    return photo


def replace_document(client, document, content):
    return client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": document.title,
            "collection": document.collection_id,
            "file": SimpleUploadedFile("report.pdf", content),
        },
    )


def served_bytes(document):
    response = Client().get(document.url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_an_editor_cannot_replace_a_published_document(client, editor, published_report):
    replace_document(signed_in(editor), published_report, FORGED)
    assert served_bytes(published_report) == REPORT


def test_a_moderator_can(client, moderator, published_report):
    assert replace_document(signed_in(moderator), published_report, FORGED).status_code == 302
    assert served_bytes(Document.objects.get()) == FORGED


def test_an_editor_cannot_delete_a_published_document(editor, published_report):
    signed_in(editor).post(f"/admin/documents/delete/{published_report.pk}/")
    assert Document.objects.filter(pk=published_report.pk).exists()


def test_an_editor_cannot_change_or_delete_a_published_photo(editor, published_photo):
    file_name = published_photo.file.name
    client = signed_in(editor)
    photo = two_colour_image_file(left="black", right="black")
    photo.file.seek(0)
    client.post(
        f"/admin/images/{published_photo.pk}/",
        {
            "title": "Replaced",
            "collection": published_photo.collection_id,
            "file": SimpleUploadedFile("photo.png", photo.file.read()),
            "focal_point_x": 0,
            "focal_point_y": 0,
            "focal_point_width": 10,
            "focal_point_height": 10,
        },
    )
    client.post(f"/admin/images/{published_photo.pk}/delete/")
    client.post(
        f"/admin/bulk/wagtailimages/image/delete/?next=/admin/images/&id={published_photo.pk}"
    )
    unchanged = Image.objects.get(pk=published_photo.pk)
    assert (unchanged.title, unchanged.file.name) == (published_photo.title, file_name)
    assert unchanged.focal_point_width is None


def test_an_editor_still_fixes_an_upload_no_page_uses(editor):
    photo = ImageFactory(uploaded_by_user=editor, title="Shelter")
    response = signed_in(editor).post(
        f"/admin/images/{photo.pk}/",
        {"title": "Shelter in Shenyang", "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 302
    assert Image.objects.get(pk=photo.pk).title == "Shelter in Shenyang"


def test_a_document_no_public_page_links_to_is_not_on_the_site(editor):
    flyer = Document.objects.create(
        title="Urgent appeal", file=ContentFile(FORGED, name="appeal.pdf"), uploaded_by_user=editor
    )
    assert Client().get(flyer.url).status_code == 404
    assert signed_in(editor).get(flyer.url).status_code == 200


def test_a_document_only_an_unpublished_page_links_to_is_not_on_the_site(home, editor):
    draft_only = Document.objects.create(title="Draft", file=ContentFile(REPORT, name="d.pdf"))
    story_using(home, live=False, body=[("document", {"document": draft_only, "link_text": "x"})])
    assert Client().get(draft_only.url).status_code == 404


def test_a_published_document_is_on_the_site(published_report):
    assert served_bytes(published_report) == REPORT


def test_the_photo_of_a_published_story_is_served_and_can_run_nothing(client, published_photo):
    html = client.get("/en/2014/").content.decode()
    src = re.search(r'<img[^>]+src="(/media/images/[^"]+)"', html)[1]
    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/jpeg", "image/png", "image/webp")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "public, max-age=3600"


def test_the_media_folder_shows_nothing_but_photos(
    client, editor, published_photo, published_report
):
    hidden = [published_report.file.name, published_photo.file.name]
    for name in hidden + [f"images/../{published_report.file.name}"]:
        assert client.get(f"/media/{name}").status_code == 404, name
    assert signed_in(editor).get(f"/media/{published_photo.file.name}").status_code == 200
