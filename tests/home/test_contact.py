"""The contact form: every genuine message is kept, no bot gets one through."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from core.models import UsedStartToken
from tests.factories import ContactPageFactory, contact_start_token

pytestmark = pytest.mark.django_db

MESSAGE = "Please tell me how I can help the seven refugees waiting in China."


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def contact_page(home):
    return ContactPageFactory(
        parent=home,
        fields=[
            ("Your name", "singleline"),
            ("Your e-mail address", "email"),
            ("Your message", "multiline"),
        ],
    )


def post(client, page, started_token=None, **fields):
    data = {
        "your_name": "Hanako",
        "your_e_mail_address": "hanako@example.org",
        "your_message": MESSAGE,
        "website": "",
        "form_started": contact_start_token() if started_token is None else started_token,
        **fields,
    }
    return client.post(page.url, data)


def test_a_person_sends_a_message_and_it_is_kept(client, contact_page):
    form = client.get(contact_page.url).content.decode()
    assert 'name="form_started"' in form and 'class="honeypot" aria-hidden="true"' in form
    response = post(client, contact_page)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    submission = FormSubmission.objects.get()
    assert submission.get_data()["your_message"] == MESSAGE
    assert "website" not in submission.form_data and "form_started" not in submission.form_data


def test_the_form_rendered_to_a_person_carries_a_start_time_that_works(
    client, contact_page, settings
):
    settings.CONTACT_MIN_FILL_SECONDS = 0
    html = client.get(contact_page.url).content.decode()
    token = html.split('name="form_started" value="')[1].split('"')[0]
    assert post(client, contact_page, started_token=token).status_code == 200
    assert FormSubmission.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "started_token"),
    [
        ({"website": "http://spam.example"}, contact_start_token),  # the honeypot was filled in
        ({}, lambda: "not-signed"),  # a forged start time
        ({}, lambda: ""),  # no start time at all
        ({}, lambda: contact_start_token(seconds_ago=0)),  # posted faster than a person can type
        (
            {"your_message": "Buy http://a.example http://b.example www.c.example"},
            contact_start_token,
        ),
    ],
)
def test_a_bot_is_refused_politely_and_nothing_is_kept(client, contact_page, fields, started_token):
    response = post(client, contact_page, started_token=started_token(), **fields)
    assert response.status_code == 200
    assert "Sorry, we could not accept this message" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_two_links_are_still_a_human_message(client, contact_page):
    post(client, contact_page, your_message="See https://a.example and https://b.example")
    assert FormSubmission.objects.count() == 1


@pytest.mark.parametrize(
    "message",
    [
        # Bare domains, with and without a path.
        "Hello! We boost your SEO ranking in 7 days. See seo-rank-boost.xyz/offer, "
        "cheap-backlinks.ru and www.linkfarm.example for our prices.",
        # Defanged links, as spam written to slip past filters has them.
        "Crypto opportunity!! Join hxxps://crypto-win.example/join or "
        "hxxp://bonus.example/claim, and talk to us on t.me/cryptowin",
        "Your donation receipt is ready: hxxps://lfnkr-receipts.example/login ; verify "
        "your card at paypal-secure.com/verify or support-lfnkr[.]ru",
    ],
)
def test_bare_and_defanged_links_count_towards_the_link_limit(client, contact_page, message):
    response = post(client, contact_page, your_message=message)
    assert "Sorry, we could not accept this message" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_abbreviations_names_and_decimals_are_not_links(client, contact_page):
    message = (
        "Dear Mr.Kim, thank you for the report on the seven refugees (e.g. the family of "
        "four). I sent 3,000 yen, i.e. about 20.50 USD, by bank transfer on 3.12. Ms.Lee "
        "from our church asks whether she can help too: she read about you at "
        "www.lfnkr.example and hrw.org/north-korea. Write to me at hanako@example.org."
    )
    post(client, contact_page, your_message=message)
    assert FormSubmission.objects.count() == 1


def test_a_sent_form_cannot_be_sent_again_even_from_a_new_session(client, contact_page, settings):
    settings.CONTACT_MIN_FILL_SECONDS = 0
    html = client.get(contact_page.url).content.decode()
    token = html.split('name="form_started" value="')[1].split('"')[0]
    assert "Thank you" in post(client, contact_page, started_token=token).content.decode()
    for replay in (client, Client()):
        response = post(replay, contact_page, started_token=token, your_message="Again")
        assert response.status_code == 200
        assert "This form has already been sent" in response.content.decode()
    assert FormSubmission.objects.count() == 1


def test_a_person_who_corrects_a_field_sends_the_same_form(client, contact_page, settings):
    token = contact_start_token()
    wrong = post(client, contact_page, started_token=token, your_e_mail_address="hanako@")
    assert "Enter a valid email address." in wrong.content.decode()
    settings.CONTACT_POSTS_PER_HOUR = 1  # the next post is refused for the hour
    assert post(client, contact_page, started_token=token).status_code == 429
    settings.CONTACT_POSTS_PER_HOUR = 5
    assert "Thank you" in post(client, contact_page, started_token=token).content.decode()
    assert FormSubmission.objects.count() == 1


def test_spent_start_tokens_are_forgotten_once_they_are_too_old_to_use(client, contact_page):
    UsedStartToken.objects.create(
        token="long-expired", used_at=timezone.now() - datetime.timedelta(days=2)
    )
    token = contact_start_token()
    post(client, contact_page, started_token=token)
    assert list(UsedStartToken.objects.values_list("token", flat=True)) == [token]


def test_posts_past_the_hourly_limit_per_address_are_refused(client, contact_page, settings):
    settings.CONTACT_POSTS_PER_HOUR = 3
    for _ in range(3):
        assert post(client, contact_page).status_code == 200
    response = post(client, contact_page)
    assert response.status_code == 429
    assert FormSubmission.objects.count() == 3
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert post(other, contact_page).status_code == 200


def test_a_message_is_kept_even_when_the_mail_server_is_down(client, contact_page, settings):
    contact_page.to_address = "office@lfnkr.example"
    contact_page.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = post(client, contact_page)
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 1


def test_the_office_is_emailed_each_message(client, contact_page):
    contact_page.to_address = "office@lfnkr.example"
    contact_page.subject = "Contact form"
    contact_page.save()
    post(client, contact_page)
    assert len(mail.outbox) == 1
    assert MESSAGE in mail.outbox[0].body


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"your_name": ""}, "This field is required."),
        ({"your_e_mail_address": "not-an-address"}, "Enter a valid email address."),
        ({"your_message": "x" * 1_000_000}, "Please keep each answer under"),
    ],
)
def test_bad_input_gets_form_errors_and_nothing_is_kept(client, contact_page, fields, error):
    response = post(client, contact_page, **fields)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(contact_page):
    strict = Client(enforce_csrf_checks=True)
    assert post(strict, contact_page).status_code == 403
    assert not FormSubmission.objects.exists()


def test_old_messages_are_deleted_for_privacy(contact_page):
    old = FormSubmission.objects.create(page=contact_page, form_data={"your_message": "old"})
    FormSubmission.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=400)
    )
    FormSubmission.objects.create(page=contact_page, form_data={"your_message": "recent"})
    call_command("delete_old_submissions", "--days", "365", stdout=None)
    assert list(FormSubmission.objects.values_list("form_data", flat=True)) == [
        {"your_message": "recent"}
    ]
