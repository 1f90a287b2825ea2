"""Reports and brochures: uploaded safely, linked with their type and size, served safely."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    story_using,
    two_colour_image_file,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 2000


def upload_document(client, name, content, title="LFNKR Annual Report 2014"):
    return client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_an_editor_uploads_a_pdf_and_links_it_from_a_story(admin_client, client, home):
    assert upload_document(admin_client, "annual-report-2014.pdf", PDF).status_code == 302
    report = Document.objects.get()
    story = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home, year=2014),
        date=datetime.date(2014, 11, 29),
        body=[("document", {"document": report, "link_text": "Read the 2014 annual report"})],
    )
    html = client.get(story.url).content.decode()
    assert f'<a href="{report.url}">Read the 2014 annual report</a>' in html
    assert "(PDF, 2.0\xa0KB)" in html


def linked_from_a_story(home, document):
    """Visitors get a document once a published page links to it (core/uploads.py)."""
    story_using(home, body=[("document", {"document": document, "link_text": "x"})])
    return document


def test_a_pdf_opens_in_the_browser_but_can_run_nothing(admin_client, client, home):
    upload_document(admin_client, "report.pdf", PDF)
    response = client.get(linked_from_a_story(home, Document.objects.get()).url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_other_documents_are_downloaded_under_their_own_name(admin_client, client, home):
    upload_document(admin_client, "gifts-2014.csv", b"month,amount\nJanuary,5000\n")
    response = client.get(linked_from_a_story(home, Document.objects.get()).url)
    assert response["Content-Disposition"] == 'attachment; filename="gifts-2014.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "setup.exe", "macro.docm"])
def test_file_types_that_could_run_in_a_browser_or_a_computer_are_refused(admin_client, name):
    response = upload_document(admin_client, name, b"<script>alert(1)</script>")
    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    assert f"File extension “{extension}” is not allowed." in response.content.decode()
    assert not Document.objects.exists()


def test_a_document_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    response = upload_document(admin_client, "big.pdf", PDF)
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not Document.objects.exists()


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Shelter",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_svg_images_are_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(admin_client, "logo.svg", svg)
    assert response.status_code == 200
    assert "Not a supported image format." in response.content.decode()
    assert not Image.objects.exists()


def test_an_image_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    photo = two_colour_image_file(width=2000, height=2000)
    photo.file.seek(0)
    response = upload_image(admin_client, "photo.png", photo.file.read())
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not Image.objects.exists()


def test_the_archive_import_invents_no_documents(home):
    """The old site's text mentions annual reports but holds no files: none are made up."""
    call_command("import_archive", stdout=None)
    assert not Document.objects.exists()
