"""お問い合わせ: a Japanese visitor writes to LFNKR in Japanese, on the Japanese site."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from core.translation import TRANSLATORS, translate_with_sample_text
from home.japanese import ADDRESS, create_japanese_home
from home.models import ContactPage, OrganisationAddress
from home.setup import create_contact_page, create_japanese_contact_page
from tests.factories import (
    OrganisationAddressFactory,
    contact_start_token,
    japanese,
    sign_in_verified,
)

pytestmark = pytest.mark.django_db

MESSAGE = "中国に隠れている難民の子どもたちを支援したいのですが、どうすればよいでしょうか。"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def site(home):
    """The English site with its contact page and address, as the import builds
    them, and the Japanese site the import then adds."""
    create_japanese_home(home)
    english_address = OrganisationAddressFactory()
    translate_with_sample_text(english_address, ADDRESS)
    create_contact_page(home, [])
    create_japanese_contact_page(home, [])
    english = ContactPage.objects.get(locale__language_code="en")
    return english, english.get_translation(japanese())


def post(client, **fields):
    data = {
        "your_name": "山田花子",
        "your_e_mail_address": "hanako@example.jp",
        "your_message": MESSAGE,
        "website": "",
        "form_started": contact_start_token(),
        **fields,
    }
    return client.post("/ja/contact/", data)


def test_the_japanese_form_asks_in_japanese(client, site):
    response = client.get("/ja/contact/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ja">' in html and "<h1>お問い合わせ</h1>" in html
    for label in ["お名前", "メールアドレス", "お問い合わせ内容"]:
        assert f">{label}</label>" in html
    assert "Your name" not in html and "Your message" not in html
    assert "送信</button>" in html


def test_a_japanese_message_is_kept_and_thanked_in_japanese(client, site):
    english, japanese_page = site
    response = post(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ありがとうございます。メッセージを受け取りました。" in html
    assert "Thank you" not in html
    submission = FormSubmission.objects.get()
    assert submission.page_id == japanese_page.pk
    assert submission.get_data()["your_name"] == "山田花子"
    assert submission.get_data()["your_message"] == MESSAGE


def test_the_office_reads_japanese_messages_under_the_japanese_labels(admin_client, site):
    english, japanese_page = site
    post(Client())
    submissions = reverse("wagtailforms:list_submissions", args=[japanese_page.pk])
    html = admin_client.get(submissions).content.decode()
    assert "お問い合わせ内容" in html and MESSAGE in html


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"your_name": ""}, "この項目は必須です"),
        ({"your_e_mail_address": "hanako@"}, "有効なメールアドレスを入力してください。"),
    ],
)
def test_mistakes_are_shown_on_the_japanese_form_and_nothing_is_kept(client, site, fields, error):
    response = post(client, **fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html and ">お名前</label>" in html
    assert not FormSubmission.objects.exists()


def test_the_japanese_header_and_footer_lead_to_the_japanese_form(client, site):
    html = client.get("/ja/").content.decode()
    header, footer = html.split('class="site-footer"')
    link = '<a href="/ja/contact/">お問い合わせ</a>'
    assert link in header and link in footer


def sync_from_english(instance):
    """What an editor's "Sync translated pages/snippets" does: take the English
    source again and write every translation from it."""
    source = TranslationSource.objects.get(
        object_id=instance.translation_key, locale=instance.locale
    )
    source.update_from_db()
    for translation in Translation.objects.filter(source=source):
        translation.save_target()


def test_the_japanese_link_survives_translators_and_syncs_from_english(client, site):
    english_address = OrganisationAddress.objects.get(locale__language_code="en")
    # A translator publishes the Japanese address in wagtail-localize's editor ...
    Translation.objects.get(source__object_id=english_address.translation_key).save_target()
    # ... and an editor changes the English one and syncs it.
    english_address.telephone = "+81-3-0000-0000"
    english_address.save()
    sync_from_english(english_address)
    footer = client.get("/ja/").content.decode().split('class="site-footer"')[1]
    assert '<a href="/ja/contact/">お問い合わせ</a>' in footer and "+81-3-0000-0000" in footer


def test_a_translators_label_is_shown_and_survives_a_sync_from_english(client, site):
    english, japanese_page = site
    translator = Client()
    user = Group.objects.get(name=TRANSLATORS).user_set.create(username="yuki")
    sign_in_verified(translator, user)
    translation = Translation.objects.get(
        target_locale=japanese(), source__object_id=english.translation_key
    )
    field = english.form_fields.get(clean_name="your_message")
    segment = StringSegment.objects.get(
        source=translation.source, context__path=f"form_fields.{field.translation_key}.label"
    )
    edit = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = translator.put(
        edit, urlencode({"value": "ご用件"}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    publish = reverse("wagtailadmin_pages:edit", args=[japanese_page.pk])
    assert translator.post(publish, {"action": "publish"}).status_code == 302
    assert ">ご用件</label>" in client.get("/ja/contact/").content.decode()

    english.intro = "<p>Write to us.</p>"
    english.save_revision().publish()
    sync_from_english(english)
    html = client.get("/ja/contact/").content.decode()
    assert ">ご用件</label>" in html and ">お名前</label>" in html
    assert "Your message" not in html
