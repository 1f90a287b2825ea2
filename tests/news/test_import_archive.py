"""`manage.py import_archive` builds the site from the archive, once, or not at all."""

import datetime
import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from campaigns.models import DonatePage, DonationOption, DonationUsePage
from core.translation import SAMPLE_TEXT, TRANSLATORS
from home.models import (
    ContactFormField,
    ContactPage,
    HomePage,
    OrganisationAddress,
    StandardPage,
)
from news.models import NewsIndexPage, NewsPage
from tests.factories import sign_in_verified

ARCHIVE = Path(__file__).resolve().parents[2] / "data" / "lfnkr-news-archive.txt"


def run_import(*args):
    out = StringIO()
    call_command("import_archive", *args, stdout=out)
    return out.getvalue()


# The Japanese trust pages the import makes, and English sentences of their English pages.
JAPANESE_TRUST_PAGES = {
    "/ja/about/": (
        "/en/about/",
        ["Its representative is Kato Hiroshi.", "Who Life Funds for North Korean Refugees are"],
    ),
    "/ja/how-your-donations-are-used/": (
        "/en/how-your-donations-are-used/",
        ["LFNKR's annual reports, year by year"],
    ),
}
PREPARING = "このページの日本語版は準備中です。"


def main_of(html):
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def copy_english_into_japanese(english):
    """The Japanese page as imports before the "being prepared" note left it: the
    English body and summary wagtail-localize copies for strings it has no Japanese for."""
    target = Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="ja"
    )
    target.save_target(publish=False)
    english.get_translation(target.target_locale).get_latest_revision().publish()


def site_state():
    """Everything the import could touch, to compare before and after."""
    return (
        list(Page.objects.order_by("path").values_list("path", "title", "live")),
        list(OrganisationAddress.objects.values_list("name", "city", "contact_page")),
        list(ContactFormField.objects.order_by("pk").values_list("label", "locale")),
        list(DonationOption.objects.values_list("label", "url")),
    )


class ImportedArchiveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first_run = run_import()

    def story(self, title):
        return NewsPage.objects.get(title=title)

    def test_each_year_from_2002_has_its_archive_with_its_stories(self):
        counts = {
            index.year: NewsPage.objects.child_of(index).count()
            for index in NewsIndexPage.objects.filter(locale__language_code="en")
        }
        assert counts == {
            2002: 4,
            2003: 5,
            2004: 4,
            2005: 3,
            2006: 25,
            2007: 40,
            2008: 27,
            2009: 31,
            2010: 20,
            2011: 26,
            2012: 27,
            2013: 33,
            2014: 16,
        }
        assert NewsPage.objects.live().count() == 261

    def test_the_report_counts_what_was_imported_per_year(self):
        assert "2007: 40 stories imported, 0 already present" in self.first_run
        assert "2002: 4 stories imported, 0 already present" in self.first_run
        assert "Imported 261 stories" in self.first_run

    def test_stories_keep_title_date_summary_and_body(self):
        story = self.story("Crowd Funding to the Rescue")
        assert story.date == datetime.date(2014, 12, 11)
        assert story.summary.startswith("Back in 2003 we gave our visitors")
        assert story.url == "/en/2014/crowd-funding-to-the-rescue/"
        assert story.body[0].block_type == "paragraph"
        assert "Back in 2003" in story.body[0].value.source

    def test_multi_paragraph_summaries_become_paragraphs_of_the_body(self):
        story = self.story("Sending in the Choco Pies")
        assert [block.block_type for block in story.body] == ["paragraph", "paragraph"]
        assert story.summary.count("\n\n") == 1

    def test_an_extra_heading_line_becomes_a_heading_block(self):
        story = self.story("Survivor of NK Starvation Speaks")
        assert story.body[0].block_type == "heading"
        assert story.body[0].value == "Crossing Orphan"

    def test_undated_stories_are_filed_in_their_year_and_marked_undated(self):
        story = self.story("Border Report - January 2006")
        assert story.date is None
        assert story.get_parent().specific.year == 2006

    def test_highlights_are_highlight_pages_of_their_year(self):
        highlight = self.story("29 Seek Sanctuary in Japanese School")
        assert highlight.is_highlight
        assert highlight.get_parent().specific.year == 2004
        assert NewsPage.objects.filter(is_highlight=True).count() == 16

    def test_the_home_page_address_and_donation_options_are_created(self):
        home = HomePage.objects.get(locale__language_code="en")
        assert home.title == "Life Funds for North Korean Refugees"
        address = OrganisationAddress.objects.get(locale__language_code="en")
        assert address.representative == "Kato Hiroshi"
        assert address.postal_code == "113-0024"
        options = {o.label: o for o in DonationOption.objects.filter(locale__language_code="en")}
        assert set(options) == {"PayPal", "Crowd funding"}
        # The old page gives no PayPal account: none is invented, and PayPal waits for one.
        paypal = options["PayPal"]
        assert (paypal.url, paypal.paypal_account, paypal.paypal_button_id) == ("", "", "")
        assert paypal.link_page is None and not paypal.has_paypal_form
        assert options["Crowd funding"].link == "/en/2014/crowd-funding-to-the-rescue/"
        use_page = DonationUsePage.objects.get(locale__language_code="en")
        assert home.donation_use_page_id == use_page.pk and use_page.live

    def test_the_donate_page_exists_in_both_languages_linking_the_trust_pages(self):
        english = DonatePage.objects.get(locale__language_code="en")
        japanese = DonatePage.objects.get(locale__language_code="ja")
        assert (english.url, japanese.url) == ("/en/donate/", "/ja/donate/")
        assert japanese.translation_key == english.translation_key and japanese.live
        assert japanese.title == "寄付する"
        with translation.override("en"):
            titles = [page.title for page in english.trust_links()]
        assert titles == ["About LFNKR", "How your donations are used"]
        footer = self.client.get("/en/").content.decode().split('class="site-footer"')[1]
        assert '<a href="/en/about/">About LFNKR</a>' in footer
        assert '<a href="/en/how-your-donations-are-used/">' in footer
        japanese_footer = self.client.get("/ja/").content.decode().split('class="site-footer"')[1]
        assert '<a href="/ja/about/">LFNKRについて</a>' in japanese_footer
        assert '<a href="/ja/how-your-donations-are-used/">寄付金の使いみち</a>' in japanese_footer

    def test_the_about_page_says_only_what_the_archive_gives(self):
        about = StandardPage.objects.get(locale__language_code="en", slug="about")
        assert about.live and about.title == "About LFNKR"
        text = self.client.get("/en/about/").content.decode()
        assert "Its representative is Kato Hiroshi." in text
        assert "2-2-8 Nishi Kata, Bunkyo-ku" in text and "Tokyo, Japan 113-0024" in text
        assert "Tel / Fax +81-3-3815-8127" in text
        assert "Foster Parent / Education Programme in 1998" in text
        for heading in ["Rescue", "Shelter", "Advocacy"]:
            assert f">{heading}</h2>" in text
        assert "Reader Donations Help Rescue 2 Women</a>" in text
        # What the archive does not say is a note for editors on the dashboard only.
        assert "founded" not in text and "lorem" not in text.lower()
        assert self.client.get("/ja/about/").status_code == 200

    def test_how_donations_are_used_is_published_and_links_the_annual_reports(self):
        page = DonationUsePage.objects.get(locale__language_code="en")
        text = self.client.get(page.url).content.decode()
        assert "2014 Annual Report Overview</a>" in text
        assert self.client.get("/ja/how-your-donations-are-used/").status_code == 200

    def test_japanese_trust_pages_say_in_japanese_that_their_translation_is_coming(self):
        for url, (english_url, english_sentences) in JAPANESE_TRUST_PAGES.items():
            html = self.client.get(url).content.decode()
            assert '<html lang="ja"' in html
            main = main_of(html)
            assert PREPARING in main, url
            assert f'<a href="{english_url}" hreflang="en">英語版を読む</a>' in main
            english = self.client.get(english_url).content.decode()
            for sentence in english_sentences:
                assert escape(sentence) in english or sentence in english, sentence
                assert sentence not in html and escape(sentence) not in html, (url, sentence)
        # Japanese search no longer finds the English text on a Japanese page.
        results = main_of(self.client.get("/ja/search/", {"q": "representative"}).content.decode())
        assert "/ja/about/" not in results

    def test_a_site_imported_before_gets_the_note_in_place_of_the_english_text(self):
        for english in [
            StandardPage.objects.get(locale__language_code="en", slug="about"),
            DonationUsePage.objects.get(locale__language_code="en"),
        ]:
            copy_english_into_japanese(english)
        # As such a site shows it: the English text, and Japanese search finds it.
        old_page = self.client.get("/ja/about/").content.decode()
        assert "Its representative is Kato Hiroshi." in old_page
        results = main_of(self.client.get("/ja/search/", {"q": "representative"}).content.decode())
        assert "/ja/about/" in results
        output = run_import()
        assert "“About LFNKR” says its translation is being prepared" in output
        for url, (english_url, english_sentences) in JAPANESE_TRUST_PAGES.items():
            main = main_of(self.client.get(url).content.decode())
            assert PREPARING in main and f'href="{english_url}" hreflang="en"' in main
            assert not any(sentence in main for sentence in english_sentences), url
        results = main_of(self.client.get("/ja/search/", {"q": "representative"}).content.decode())
        assert "/ja/about/" not in results
        before = site_state()
        assert "Nothing to import" in run_import()
        assert site_state() == before

    def test_a_translators_published_translation_is_never_replaced_by_the_import(self):
        english = StandardPage.objects.get(locale__language_code="en", slug="about")
        japanese_page = english.get_translation(Locale.objects.get(language_code="ja"))
        assert PREPARING in self.client.get("/ja/about/").content.decode()
        # A translator translates the first paragraph in wagtail-localize's editor and
        # publishes: the English paragraphs not yet translated are published as they are.
        translator = self.client_class()
        user = Group.objects.get(name=TRANSLATORS).user_set.create(username="yuki")
        sign_in_verified(translator, user)
        edit_page = reverse("wagtailadmin_pages:edit", args=[japanese_page.pk])
        assert translator.get(edit_page).status_code == 200
        translation_ = Translation.objects.get(
            source__object_id=english.translation_key, target_locale=japanese_page.locale
        )
        first_paragraph = StringSegment.objects.filter(
            source=translation_.source, context__path__startswith="body."
        ).order_by("order")[0]
        own_words = "北朝鮮難民救援基金（LFNKR）は東京のNGOです。代表は加藤博です。"
        response = translator.put(
            reverse(
                "wagtail_localize:edit_string_translation",
                args=[translation_.pk, first_paragraph.pk],
            ),
            urlencode({"value": own_words}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 201
        with self.captureOnCommitCallbacks(execute=True):
            assert translator.post(edit_page, {"action": "publish"}).status_code == 302
        published = main_of(self.client.get("/ja/about/").content.decode())
        assert own_words in published and PREPARING not in published
        # Their page, English rest and all: the import leaves it alone.
        run_import()
        assert main_of(self.client.get("/ja/about/").content.decode()) == published

    def test_the_footers_contact_us_leads_to_a_contact_form(self):
        contact = ContactPage.objects.get(locale__language_code="en")
        assert contact.url == "/en/contact/" and contact.live
        assert (
            OrganisationAddress.objects.get(locale__language_code="en").contact_url == contact.url
        )
        labels = list(contact.form_fields.values_list("label", flat=True))
        assert labels == ["Your name", "Your e-mail address", "Your message"]
        assert '<a href="/en/contact/">Contact Us</a>' in self.client.get("/en/").content.decode()

    def test_the_japanese_sites_contact_link_leads_to_a_form_in_japanese(self):
        english = ContactPage.objects.get(locale__language_code="en")
        japanese = ContactPage.objects.get(locale__language_code="ja")
        assert japanese.translation_key == english.translation_key and japanese.live
        assert (japanese.url, japanese.title) == ("/ja/contact/", "お問い合わせ")
        html = self.client.get("/ja/").content.decode()
        header, footer = html.split('class="site-footer"')
        link = '<a href="/ja/contact/">お問い合わせ</a>'
        assert link in header and link in footer
        form = self.client.get("/ja/contact/").content.decode()
        for label in ["お名前", "メールアドレス", "お問い合わせ内容"]:
            assert f">{label}</label>" in form
        assert "Your name" not in form
        assert "ありがとうございます。メッセージを受け取りました。" in japanese.thank_you_text
        # Translators see each label in wagtail-localize's editor, flagged as a sample.
        labels = StringTranslation.objects.filter(
            locale__language_code="ja", context__path__startswith="form_fields."
        )
        assert set(labels.values_list("data", "tool_name")) == {
            ("お名前", SAMPLE_TEXT),
            ("メールアドレス", SAMPLE_TEXT),
            ("お問い合わせ内容", SAMPLE_TEXT),
        }

    def test_a_site_imported_before_the_japanese_contact_page_gets_it_on_the_next_run(self):
        ContactPage.objects.get(locale__language_code="ja").delete()
        assert OrganisationAddress.objects.get(locale__language_code="ja").contact_url == ""
        output = run_import()
        assert "Created the Japanese contact page." in output
        japanese = ContactPage.objects.get(locale__language_code="ja")
        address = OrganisationAddress.objects.get(locale__language_code="ja")
        assert address.contact_page_id == japanese.pk and address.contact_url == "/ja/contact/"
        before = site_state()
        assert "Nothing to import" in run_import()
        assert site_state() == before

    def test_a_contact_page_editors_chose_for_the_japanese_address_is_kept(self):
        about = StandardPage.objects.get(locale__language_code="ja", slug="about")
        ContactPage.objects.get(locale__language_code="ja").delete()
        OrganisationAddress.objects.filter(locale__language_code="ja").update(contact_page=about)
        run_import()
        assert OrganisationAddress.objects.get(locale__language_code="ja").contact_page_id == (
            about.pk
        )

    def test_the_japanese_home_address_and_options_are_translations_marked_as_samples(self):
        home = HomePage.objects.get(locale__language_code="en")
        japanese_home = home.get_translation(Locale.objects.get(language_code="ja"))
        assert japanese_home.live and japanese_home.title == "北朝鮮難民救援基金"
        assert japanese_home.url == "/ja/"
        address = OrganisationAddress.objects.get(locale__language_code="ja")
        assert address.name == "北朝鮮難民救援基金"
        assert address.city == "東京都文京区" and address.postal_code == "113-0024"
        labels = set(
            DonationOption.objects.filter(locale__language_code="ja").values_list(
                "label", flat=True
            )
        )
        assert labels == {"PayPal", "クラウドファンディング"}
        samples = StringTranslation.objects.filter(locale__language_code="ja")
        assert samples.exists()
        assert set(samples.values_list("tool_name", flat=True)) == {SAMPLE_TEXT}

    def test_no_japanese_page_starts_out_of_date_with_its_english_source(self):
        for japanese in Page.objects.filter(locale__language_code="ja"):
            english = japanese.get_translation(Locale.objects.get(language_code="en"))
            assert japanese.last_published_at >= english.last_published_at, japanese.title

    def test_the_japanese_site_has_every_year_ready_for_translated_stories(self):
        response = self.client.get("/ja/2014/")
        assert response.status_code == 200
        assert "<h1>2014年のニュース</h1>" in response.content.decode()
        japanese_home = HomePage.objects.get(locale__language_code="ja")
        # 13 news years, and the Donate, About, "how donations are used" and contact pages.
        assert japanese_home.get_children().live().count() == 17

    def test_japanese_readers_find_every_story_labelled_english_until_translated(self):
        def year_counts(language):
            html = self.client.get(f"/{language}/").content.decode()
            found = re.findall(rf'href="/{language}/(\d{{4}})/">\d{{4}}</a> \((\d+)\)', html)
            return {int(year): int(count) for year, count in found}

        english, japanese = year_counts("en"), year_counts("ja")
        assert len(japanese) == 13 and japanese == english
        assert sum(japanese.values()) == NewsPage.objects.filter(locale__language_code="en").count()
        year_2014 = self.client.get("/ja/2014/").content.decode().split("<main")[1]
        year_2014 = year_2014.split("</main>")[0]
        assert year_2014.count('<span class="language-label">英語</span>') == japanese[2014] == 16
        assert (
            '<a href="/en/2014/crowd-funding-to-the-rescue/" lang="en" hreflang="en">' in year_2014
        )
        highlights = self.client.get("/ja/").content.decode().split('class="highlights"')[1]
        assert highlights.count("英語") == NewsPage.objects.filter(is_highlight=True).count()

    def test_a_second_run_changes_nothing_and_says_so(self):
        before = site_state()
        output = run_import()
        assert "Nothing to import" in output
        assert "2014: 0 stories imported, 16 already present" in output
        assert site_state() == before

    def test_editors_changes_survive_a_second_run(self):
        story = self.story("Whitewash Goes to Prison")
        story.summary = "Rewritten by an editor."
        story.save()
        run_import()
        assert self.story("Whitewash Goes to Prison").summary == "Rewritten by an editor."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_path", "message"),
    [
        (lambda tmp: tmp / "missing.txt", "no such file"),
        (lambda tmp: tmp, "is a folder"),
        (lambda tmp: write(tmp / "binary.txt", b"\xff\xfe\x00garbage"), "not UTF-8"),
        (lambda tmp: write(tmp / "notes.txt", b"Meeting notes\n\nNothing else."), "not the LFNKR"),
        (
            lambda tmp: write(
                tmp / "damaged.txt",
                ARCHIVE.read_bytes().replace(b"May 23, 2014:", b"Maybe 99, 2014:"),
            ),
            "Nothing was imported",
        ),
    ],
)
def test_a_bad_file_gives_a_clear_error_and_leaves_the_site_as_it_was(tmp_path, make_path, message):
    before = site_state()
    with pytest.raises(CommandError, match=message):
        run_import(str(make_path(tmp_path)))
    assert site_state() == before


def write(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.django_db
def test_a_failure_half_way_through_undoes_the_whole_import(monkeypatch):
    before = site_state()

    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr("home.setup.import_address", fail)
    with pytest.raises(RuntimeError):
        run_import()
    assert site_state() == before
