"""The whole site from the old news page: its frame here, the news and giving by their apps.

The frame is what this app owns: the home page, the contact page, the pages a donor
reads before giving (about LFNKR, how donations are used), the organisation address
and the Japanese home page. Idempotent, like the rest of the import: what exists
already is left as it is, but for English text an earlier import left on a Japanese
page no one has touched since (home.japanese.set_aside_english_copy).
"""

import json

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import (
    SegmentOverride,
    TranslatableObject,
    TranslationContext,
    TranslationSource,
)

from campaigns.models import DonationUsePage
from campaigns.setup import create_donate_page, import_donation_options
from core.pages import add_live_child
from core.translation import translate_with_sample_text
from news.importer import ImportReport, import_news_years, import_stories, story_of

from .japanese import ADDRESS as JAPANESE_ADDRESS
from .japanese import contact_page_strings, create_japanese_home, set_aside_english_copy
from .models import ContactFormField, ContactPage, HomePage, OrganisationAddress, StandardPage


def build_site(archive):
    """Create what the archive holds and the site lacks, in one transaction."""
    report = ImportReport()
    changes = report.changes
    with transaction.atomic():
        home = get_or_create_home(archive, changes)
        # Every change to the English home page comes before its translation, so the
        # Japanese home page does not start out of date with its source.
        create_donation_use_page(archive, home, changes)
        if create_japanese_home(home, home_page_texts(archive))[1]:
            changes.append("Created the Japanese home page.")
        news_years = import_news_years(archive, home, changes)
        import_stories(archive, home, news_years, report)
        import_address(archive, changes)
        create_contact_page(home, changes)
        create_japanese_contact_page(home, changes)
        import_donation_options(archive, changes, story_of=story_of)
        donation_use = write_donation_use_page(archive, home, changes)
        about = create_about_page(archive, home, changes)
        create_donate_page(home, [page for page in (about, donation_use) if page], changes)
    return report


def get_or_create_home(archive, changes):
    locale = Locale.get_default()
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title=archive.address.name, slug="home", locale=locale)
        )
        write_home_page_texts(archive, home)
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
        )
        changes.append("Created the home page.")
    elif home.title == "Home":
        # The placeholder title of a fresh site becomes the organisation's name.
        home.title = home.draft_title = archive.address.name
        write_home_page_texts(archive, home)
        home.save_revision().publish()
        changes.append("Named the home page after the organisation.")
    return home


# What the home page says first, from the old page's own words only: who LFNKR is
# (its name and address, and what the stories show it doing: "LFNKR continues its
# efforts to help rescue NK refugees", its reports to the UN on human rights) and
# what a gift does ("The generous donations of readers have helped us conduct them
# to safety", supplies of rice, clothing and antibiotics "financed by recent
# donations", "Rescues Stalled for Lack of Funds"). No figure the old page does not
# give; the organisation replaces both with its own words (home.japanese has the
# Japanese the import starts the Japanese home page with).
WHO_WE_ARE = (
    "{name} (LFNKR) is a non-governmental organisation{where}. We rescue North Korean "
    "refugees hiding in China and report on human rights in North Korea."
)
WHAT_A_GIFT_DOES = (
    "Your gift pays for rescues. Readers' donations have brought North Korean refugees to "
    "safety and paid for rice, clothing and medicine for North Koreans in need. When funds "
    "run short, rescues stall."
)


def home_page_texts(archive):
    """{field: HTML} of what the import writes on the home page."""
    address = archive.address
    where = f" in {address.city}" if address.city else ""
    who = WHO_WE_ARE.format(name=address.name, where=where)
    return {
        "who_we_are": f"<p>{escape(who)}</p>",
        "what_a_gift_does": f"<p>{escape(WHAT_A_GIFT_DOES)}</p>",
    }


def write_home_page_texts(archive, home):
    """Who we are and what a gift does, on a home page that has neither yet."""
    for field, text in home_page_texts(archive).items():
        if not getattr(home, field):
            setattr(home, field, text)


def import_address(archive, changes):
    locale = Locale.get_default()
    address = OrganisationAddress.objects.filter(locale=locale).first()
    if address is None:
        address = create_address(archive.address, locale)
        changes.append("Created the organisation address.")
    if translate_with_sample_text(address, JAPANESE_ADDRESS)[1]:
        changes.append("Created the Japanese organisation address.")


def create_address(address, locale):
    return OrganisationAddress.objects.create(
        locale=locale,
        name=address.name,
        representative=address.representative,
        address_lines="\n".join(address.address_lines),
        postal_code=address.postal_code,
        city=address.city,
        country=address.country,
        telephone=address.telephone,
        fax=address.fax,
    )


CONTACT_FIELDS = [
    ("Your name", "singleline", True),
    ("Your e-mail address", "email", True),
    ("Your message", "multiline", True),
]


def create_contact_page(home, changes):
    """The footer's "Contact Us": a form whose messages are kept in the admin."""
    if ContactPage.objects.child_of(home).exists():
        return
    page = ContactPage(
        title="Contact Us",
        slug="contact",
        thank_you_text="<p>Thank you. Your message has reached us.</p>",
    )
    for order, (label, kind, required) in enumerate(CONTACT_FIELDS):
        page.form_fields.add(
            ContactFormField(label=label, field_type=kind, required=required, sort_order=order)
        )
    add_live_child(home, page)
    OrganisationAddress.objects.filter(locale=home.locale, contact_page=None).update(
        contact_page=page
    )
    changes.append("Created the contact page.")


def create_japanese_contact_page(home, changes):
    """お問い合わせ: the contact page in Japanese, and the Japanese address linking to it."""
    page = ContactPage.objects.child_of(home).first()
    if page is None:
        return
    japanese, created = translate_with_sample_text(page, contact_page_strings(page))
    if created:
        changes.append("Created the Japanese contact page.")
    if link_address_to(japanese):
        changes.append("Linked the Japanese address to the Japanese contact page.")


def link_address_to(contact):
    """Point the address in the contact page's language at it, once.

    The address is a translation whose contact page wagtail-localize synchronises
    from the English one: unless told otherwise, a sync would make the Japanese
    "お問い合わせ" lead to the English form. So the link is recorded the way
    wagtail-localize records a translator's choice of another page (an override),
    which every later sync keeps. A page an editor chose is left as it is.
    """
    address = OrganisationAddress.for_locale(contact.locale_id)
    if address is None:
        return False
    chosen = address.contact_page
    if chosen is not None and (
        chosen.pk == contact.pk or chosen.translation_key != contact.translation_key
    ):
        return False
    source = (
        TranslationSource.objects.filter(object_id=address.translation_key)
        .exclude(locale_id=address.locale_id)
        .first()
    )
    if source is not None:
        # The source was taken before the English address had a contact page: a
        # translator's publish from it would clear the Japanese one.
        source.update_from_db()
        context, _ = TranslationContext.objects.get_or_create(
            object=TranslatableObject.objects.get_or_create_from_instance(address)[0],
            path="contact_page",
        )
        SegmentOverride.objects.update_or_create(
            locale_id=address.locale_id,
            context=context,
            defaults={"data_json": json.dumps(contact.pk)},
        )
    address.contact_page = contact
    address.save(update_fields=["contact_page"])
    return True


def create_donation_use_page(archive, home, changes):
    """The page behind the header's "read how your donations are used" link, live.

    The archive names the page but not its text: write_donation_use_page links it to
    the annual reports once the stories exist, and editors write the rest.
    """
    if home.donation_use_page_id:
        page = home.donation_use_page.specific
        if not page.live:  # an earlier import left it a draft that nothing linked to
            page.save_revision().publish()
            changes.append(f"Published “{page.title}”.")
        return
    line = next((line for line in archive.header_lines if "donations are used" in line), None)
    if line is None:
        return
    title = line.removeprefix("read ").rstrip(".").strip().capitalize()
    page = add_live_child(home, DonationUsePage(title=title, slug=slugify(title)))
    home.donation_use_page = page
    home.save_revision().publish()
    changes.append(f"Created the page “{title}”.")


# What the old page does not say, for the organisation to write. The admin dashboard
# shows each note (never visitors) until a person has edited the page (home.dashboard).
LEFT_TO_WRITE = {
    "about": "The old page does not say when LFNKR was founded, its legal status, or how "
    "to volunteer: add what LFNKR wants donors to know.",
    "donate": "Write “what a gift does” (what a rescue or a month in a shelter costs).",
    "how-your-donations-are-used": "The old page only names this page: write how donations "
    "are used, and choose the latest annual report (a document).",
}
DONATION_USE_JAPANESE = {"title": "寄付金の使いみち"}
ABOUT_JAPANESE = {"title": "LFNKRについて"}


def stories_titled(archive, titles):
    """The imported stories of the archive's items with these titles, in that order."""
    by_title = {item.title.strip(): item for item in archive.items}
    stories = [story_of(by_title[title]) for title in titles if title in by_title]
    return [story for story in stories if story is not None]


def story_links(stories):
    return ", ".join(
        f'<a linktype="page" id="{story.pk}">{escape(story.title)}</a>' for story in stories
    )


def write_donation_use_page(archive, home, changes):
    """Link the page to the archive's annual reports, then translate it."""
    page = home.donation_use_page
    if page is None:
        return None
    page = page.specific
    reports = [
        item.title.strip() for item in archive.items if "annual report" in item.title.lower()
    ]
    stories = stories_titled(archive, reports)
    if isinstance(page, DonationUsePage) and not page.body and stories:
        text = f"<p>LFNKR's annual reports, year by year: {story_links(stories)}.</p>"
        page.body = [("paragraph", RichText(text))]
        page.save()
    if translate_with_sample_text(page, DONATION_USE_JAPANESE)[1]:
        changes.append(f"Created the Japanese page “{page.title}”.")
    set_aside_english_text(page, changes)
    return page


# What LFNKR does, each in a sentence the archive's stories bear out, and the stories:
# a sentence whose stories are not in the archive is left out.
ABOUT_FACTS = [
    (
        "Rescue",
        "LFNKR rescues North Korean refugees hiding in China; readers' donations pay for "
        "the rescues.",
        ["Reader Donations Help Rescue 2 Women"],
    ),
    (
        "Shelter",
        "LFNKR keeps shelters in China, where North Korean refugees and orphaned children "
        "are cared for under its education sponsorship programme.",
        [
            "Letters from NK Refugee Kids in Hidden Shelters",
            "Interview with NK Border Shelter Staff Members",
        ],
    ),
    (
        "Advocacy",
        "LFNKR speaks for the human rights of North Koreans: before the UN Commission of "
        "Inquiry, and in statements to Japan's government.",
        ["LFNKR's Kato Addresses UN Commission", "Joint Statement Sent to Prime Minister Abe"],
    ),
    (
        "Since 1998",
        "LFNKR began its Foster Parent / Education Programme in 1998.",
        ["Report on Foster Parent Programme"],
    ),
]


def about_body(archive, home):
    address = archive.address
    who = f"{escape(address.name)} (LFNKR) is a non-governmental organisation in Tokyo."
    if address.representative:
        who += f" Its representative is {escape(address.representative)}."
    body = [("paragraph", RichText(f"<p>{who}</p>"))]
    for heading, sentence, titles in ABOUT_FACTS:
        stories = stories_titled(archive, titles)
        if stories:
            body.append(("heading", heading))
            body.append(
                ("paragraph", RichText(f"<p>{escape(sentence)} Read: {story_links(stories)}.</p>"))
            )
    first_year = min(archive.years)
    body.append(("paragraph", RichText(f"<p>Its news on this site goes back to {first_year}.</p>")))
    lines = [*address.address_lines, f"{address.city}, {address.country} {address.postal_code}"]
    if address.telephone:
        same = address.telephone == address.fax
        lines.append(f"{'Tel / Fax' if same else 'Tel'} {address.telephone}")
    contact = ContactPage.objects.child_of(home).first()
    if contact is not None:
        lines.append(f'<a linktype="page" id="{contact.pk}">{escape(contact.title)}</a>')
    address_html = "<br/>".join(line if line.startswith("<a ") else escape(line) for line in lines)
    body += [("heading", "Address"), ("paragraph", RichText(f"<p>{address_html}</p>"))]
    return body


def create_about_page(archive, home, changes):
    """ "About LFNKR": who they are, what they do and where, from the archive's facts only."""
    page = StandardPage.objects.child_of(home).filter(slug="about").first()
    if page is None:
        page = add_live_child(
            home,
            StandardPage(
                title="About LFNKR",
                slug="about",
                summary=f"Who {archive.address.name} are, what they do and how to reach them.",
                body=about_body(archive, home),
            ),
        )
        changes.append("Created the page “About LFNKR”.")
    if translate_with_sample_text(page, ABOUT_JAPANESE)[1]:
        changes.append("Created the Japanese page “About LFNKR”.")
    set_aside_english_text(page, changes)
    return page


def set_aside_english_text(page, changes):
    """The Japanese page says its translation is being prepared rather than show the
    English text as Japanese; on a site imported before, too (home.japanese)."""
    if set_aside_english_copy(page):
        changes.append(
            f"The Japanese page “{page.title}” says its translation is being prepared, "
            "instead of showing the English text."
        )
