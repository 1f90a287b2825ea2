"""Private pages and documents: their passwords cannot be guessed by trying many."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from core.models import WrongPassword
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

PASSWORD = "seven-refugees-safe"
WRONG = "guess"
LOCKED = "Too many wrong passwords"
LOCKOUT_AND_A_BIT = datetime.timedelta(minutes=16)


@pytest.fixture
def private_page(home):
    page = StandardPageFactory(parent=home, title="Board minutes")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


def try_password(client, url, password, return_url):
    return client.post(url, {"password": password, "return_url": return_url})


def test_after_five_wrong_passwords_even_the_right_one_waits(client, private_page, settings):
    page, url = private_page
    assert settings.PASSWORD_FAILURE_LIMIT == 5
    for _ in range(5):
        wrong = try_password(client, url, WRONG, page.url)
        assert wrong.status_code == 200
        assert "The password you have entered is not correct" in wrong.content.decode()
    refused = try_password(client, url, PASSWORD, page.url)
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()
    assert "Board minutes" not in client.get(page.url).content.decode()
    # Another address is not held up by this one.
    assert try_password(Client(REMOTE_ADDR="192.0.2.7"), url, PASSWORD, page.url).status_code == 302


def test_once_the_wrong_passwords_are_old_the_right_one_opens_the_page(client, private_page):
    page, url = private_page
    for _ in range(5):
        try_password(client, url, WRONG, page.url)
    assert try_password(client, url, PASSWORD, page.url).status_code == 429
    WrongPassword.objects.update(tried_at=timezone.now() - LOCKOUT_AND_A_BIT)
    assert try_password(client, url, PASSWORD, page.url).status_code == 302
    assert "Board minutes" in client.get(page.url).content.decode()
    assert not WrongPassword.objects.exists()  # old tries are not kept


def test_a_few_mistakes_do_not_lock_a_person_out(client, private_page):
    page, url = private_page
    for _ in range(4):
        try_password(client, url, WRONG, page.url)
    assert try_password(client, url, PASSWORD, page.url).status_code == 302


def test_private_documents_have_the_same_limit(client):
    board = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.PASSWORD, password=PASSWORD
    )
    document = Document.objects.create(
        title="Minutes", file=SimpleUploadedFile("minutes.txt", b"minutes"), collection=board
    )
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    for _ in range(5):
        assert try_password(client, url, WRONG, document.url).status_code == 200
    assert try_password(client, url, PASSWORD, document.url).status_code == 429
    assert b'name="password"' in client.get(document.url).content  # still the form
