"""Every page type of the site in English and Japanese, for the tests and the screenshots.

`build_site_pages(home)` adds what a page type needs to show all it can (a story with
a lead photo, heading, quote, figure, video and appeal; an appeal with gifts; a
contact form ...) and returns one `SitePage` per page type and language. On an empty
test database it builds everything; on a database the archive import filled
(`make screenshots`) it keeps the pages the import made (home, years, contact, about,
donate ...) and adds only what the import does not make.

Two pages have no address of their own: the contact form's thank-you page (the
answer to a sent form) and the 500 page (the answer to a crash). `urlpatterns` here
gives each a GET address, for browsers and Lighthouse: set ROOT_URLCONF to
"tests.site_pages" to serve them beside the whole site.
"""

import datetime
from dataclasses import dataclass

from django.conf.urls.i18n import i18n_patterns
from django.urls import path
from django.utils import translation
from lfnkr_site.urls import urlpatterns as site_urlpatterns
from wagtail.models import Locale
from wagtail.rich_text import RichText

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    DonatePage,
    DonationOption,
    DonationUsePage,
)
from core.translation import translate_with_sample_text
from home.japanese import ADDRESS as JAPANESE_ADDRESS
from home.models import ContactFormField, ContactPage, HomePage, OrganisationAddress, StandardPage
from news.models import NewsIndexPage, NewsPage
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    ContactPageFactory,
    DonatePageFactory,
    DonationFactory,
    DonationOptionFactory,
    DonationUsePageFactory,
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationAddressFactory,
    StandardPageFactory,
    japanese,
    translate_page,
    two_colour_image_file,
)

SERVER_ERROR_PATH = "quality-checks/server-error/"
CONTACT_THANKS_PATH = "quality-checks/contact-thanks/"


@dataclass(frozen=True)
class SitePage:
    kind: str  # the page type: "home", "story", "404" ...
    language: str  # "en" or "ja"
    url: str  # the path, with its query
    status: int = 200

    @property
    def name(self):
        """`story-ja`: test ids, failure messages and screenshot file names."""
        return f"{self.kind}-{self.language}"


# The page types in the order a visitor meets them; SitePage.kind takes these names.
PAGE_KINDS = [
    "home",
    "year",
    "story",
    "topic",
    "search",
    "contact",
    "contact-thanks",
    "donate",
    "donate-thanks",
    "campaigns",
    "campaign",
    "about",
    "donation-use",
    "404",
    "500",
]
LANGUAGES = ["en", "ja"]


def build_site_pages(home):
    """One SitePage per page type and language, in PAGE_KINDS order, English first."""
    japanese_home = home.get_translation_or_none(japanese()) or translate_page(home)
    contact = contact_page(home)
    address_and_donation_options(home, contact)
    appeals, appeal = appeal_with_gifts(home)
    year, story = showcase_story(home, appeal)
    about = about_page(home)
    donation_use = donation_use_page(home)
    donate = donate_page(home, about, donation_use)

    english = {
        "home": home,
        "year": year,
        "story": story,
        "contact": contact,
        "campaigns": appeals,
        "campaign": appeal,
        "about": about,
        "donation-use": donation_use,
        "donate": donate,
    }
    translated = {kind: translated_page(page) for kind, page in english.items() if kind != "story"}
    translated["home"] = japanese_home.specific
    translated["story"] = translate_page(
        story, **JAPANESE_STORY, body=story_body(story.lead_image, translated["campaign"], "ja")
    )
    search_words = {"en": "rescue", "ja": "難民"}

    pages = []
    for language, built in (("en", english), ("ja", translated)):
        prefix = f"/{language}/"
        urls = {kind: page.url for kind, page in built.items()}
        urls.update(
            {
                "topic": f"{prefix}topics/rescue/",
                "search": f"{prefix}search/?q={search_words[language]}",
                "contact-thanks": prefix + CONTACT_THANKS_PATH,
                "donate-thanks": f"{urls['donate']}thanks/",
                "404": f"{prefix}no-such-page/",
                "500": prefix + SERVER_ERROR_PATH,
            }
        )
        statuses = {"404": 404, "500": 500}
        pages += [
            SitePage(kind, language, urls[kind], statuses.get(kind, 200)) for kind in PAGE_KINDS
        ]
    return pages


def translated_page(page):
    existing = page.get_translation_or_none(japanese())
    return existing.specific if existing is not None and existing.live else translate_page(page)


def contact_page(home):
    page = ContactPage.objects.child_of(home).first()
    if page is not None:
        return page
    page = ContactPageFactory(
        parent=home,
        intro="<p>Questions about our work or your gift: write to us.</p>",
        thank_you_text="<p>Thank you. Your message has reached us.</p>",
    )
    for order, (label, kind) in enumerate(
        [
            ("Your name", "singleline"),
            ("Your e-mail address", "email"),
            ("Your message", "multiline"),
        ]
    ):
        page.form_fields.add(
            ContactFormField(label=label, field_type=kind, required=True, sort_order=order)
        )
    page.save_revision().publish()
    return ContactPage.objects.get(pk=page.pk)


def address_and_donation_options(home, contact):
    """The address the footer shows and the three ways to give, in both languages."""
    address = OrganisationAddress.objects.filter(locale=home.locale).first()
    if address is None:
        address = OrganisationAddressFactory(
            contact_email="info@lfnkr.example", contact_page=contact
        )
    translate_with_sample_text(address, JAPANESE_ADDRESS)
    options = DonationOption.objects.filter(locale=home.locale)
    paypal = options.filter(kind=DonationOption.Kind.PAYPAL).first()
    if paypal is None:
        paypal = DonationOptionFactory(label="PayPal", kind="paypal", url="")
    if not paypal.paypal_account:
        # The import leaves the account for an editor to enter; until then PayPal is hidden.
        paypal.paypal_account = "donate@lfnkr.example"
        paypal.save()
    transfer = options.filter(kind=DonationOption.Kind.TRANSFER).first() or DonationOptionFactory(
        label="Postal transfer",
        kind="transfer",
        url="",
        transfer_details="00100-4-123456\nLife Funds for North Korean Refugees",
    )
    translate_with_sample_text(paypal, {"label": "PayPal", "description": "PayPalでご寄付"})
    translate_with_sample_text(transfer, {"label": "郵便振替", "description": "郵便振替でご寄付"})


def lead_photo():
    return ImageFactory(
        title="Children at a shelter",
        file=two_colour_image_file(1600, 900, left="#6b7f99", right="#c9b38f", split=0.4),
    )


STORY_SUMMARY = (
    "Two women who fled North Korea reached safety after three weeks on the road.\n\n"
    "Readers' donations paid for their journey."
)


def showcase_story(home, appeal):
    """A 2014 story with every kind of block a story can have, and a topic."""
    year = NewsIndexPage.objects.filter(year=2014, locale=home.locale).first()
    year = year or NewsIndexPageFactory(parent=home, year=2014)
    if not NewsPage.objects.child_of(year).filter(is_highlight=True).exists():
        NewsPageFactory(
            parent=year, title="Public Executions Captured on Video", date=None, is_highlight=True
        )
    photo = lead_photo()
    story = NewsPageFactory(
        parent=year,
        title="Reader Donations Help Rescue Two Women",
        slug="reader-donations-help-rescue-two-women",
        date=datetime.date(2014, 12, 11),
        lead_image=photo,
        summary=STORY_SUMMARY,
        body=story_body(photo, appeal, "en"),
    )
    story.topics.add("rescue")
    story.save_revision().publish()
    return NewsIndexPage.objects.get(pk=year.pk), NewsPage.objects.get(pk=story.pk)


STORY_TEXT = {
    "en": {
        "paragraph": "They crossed the river at night, in winter.",
        "heading": "Three weeks on the road",
        "quote": "We could not have come this far alone.",
        "attribution": "One of them",
        "alt_text": "Two women at a table",
        "caption": "Safe, at last",
        "video": "Their story",
        "donate": "Help the next rescue",
        "donate_text": "Every gift counts.",
        "appeal": "Your gift pays for the next rescue.",
    },
    "ja": {
        "paragraph": "二人は冬の夜に川を渡りました。",
        "heading": "3週間の旅",
        "quote": "一人ではここまで来られませんでした。",
        "attribution": "救出された女性",
        "alt_text": "テーブルにつく二人の女性",
        "caption": "ようやく安全な場所へ",
        "video": "二人の証言",
        "donate": "次の救出にご支援を",
        "donate_text": "どんな金額のご寄付も力になります。",
        "appeal": "ご寄付が次の救出を支えます。",
    },
}


def story_body(photo, appeal, language):
    text = STORY_TEXT[language]
    return [
        ("paragraph", RichText(f"<p>{text['paragraph']}</p>")),
        ("heading", text["heading"]),
        ("quote", {"text": text["quote"], "attribution": text["attribution"]}),
        ("image", {"image": photo, "alt_text": text["alt_text"], "caption": text["caption"]}),
        ("video", {"video": "https://youtu.be/dQw4w9WgXcQ", "caption": text["video"]}),
        ("donate", {"heading": text["donate"], "text": text["donate_text"]}),
        ("appeal", {"campaign": appeal, "text": text["appeal"]}),
    ]


JAPANESE_STORY = {
    "title": "読者の寄付で女性2人を救出",
    "summary": "北朝鮮から逃れた女性2人が3週間の旅の末に安全な場所にたどり着きました。\n\n"
    "北朝鮮難民の救出費用は読者の寄付でまかなわれました。",
}


def appeal_with_gifts(home):
    appeals = CampaignIndexPage.objects.child_of(home).first()
    appeals = appeals or CampaignIndexPageFactory(
        parent=home, intro="<p>Rescues and shelters your gift pays for.</p>"
    )
    appeal = CampaignPage.objects.child_of(appeals).first() or CampaignPageFactory(
        parent=appeals,
        title="Rescue fund 2026",
        slug="rescue-fund-2026",
        summary="A rescue from China to safety costs about 300,000 yen.",
        body=[("paragraph", RichText("<p>Each rescue is a journey of thousands of km.</p>"))],
        deadline=datetime.date(2026, 12, 31),
    )
    if not appeal.donations.exists():
        DonationFactory(campaign=appeal, amount=180_000)
    return CampaignIndexPage.objects.get(pk=appeals.pk), CampaignPage.objects.get(pk=appeal.pk)


def about_page(home):
    page = StandardPage.objects.child_of(home).filter(slug="about").first()
    return page or StandardPageFactory(
        parent=home,
        title="About LFNKR",
        slug="about",
        summary="Who we are, what we do and how to reach us.",
        body=[
            ("paragraph", RichText("<p>LFNKR is a non-governmental organisation in Tokyo.</p>")),
            ("heading", "Rescue"),
            ("paragraph", RichText("<p>LFNKR rescues North Korean refugees hiding in China.</p>")),
        ],
    )


def donation_use_page(home):
    if home.donation_use_page_id:
        return home.donation_use_page.specific
    page = DonationUsePage.objects.child_of(home).first() or DonationUsePageFactory(
        parent=home,
        summary="Where your gift goes.",
        body=[("paragraph", RichText("<p>Rescues, shelters and schooling.</p>"))],
    )
    home.donation_use_page = page
    home.save_revision().publish()
    return page


def donate_page(home, *trust_pages):
    page = DonatePage.objects.child_of(home).first()
    return page or DonatePageFactory(
        parent=home,
        what_a_gift_does="<p>30,000 yen keeps a child in a shelter for a month.</p>",
        trust_pages=[("page", page) for page in trust_pages],
    )


# The two answers that have no address of their own, at one for each language.


def server_error(request):
    raise RuntimeError("A crash, to show the 500 page (tests/site_pages.py)")


def contact_thanks(request):
    """The page a visitor sees after sending the contact form, in the request's language."""
    language = Locale.objects.get(language_code=translation.get_language())
    home = HomePage.objects.get(locale=language)
    page = ContactPage.objects.child_of(home).live().get()
    return page.render_landing_page(request)


handler500 = "core.errors.server_error"
urlpatterns = [
    *i18n_patterns(
        path(SERVER_ERROR_PATH, server_error), path(CONTACT_THANKS_PATH, contact_thanks)
    ),
    *site_urlpatterns,
]
