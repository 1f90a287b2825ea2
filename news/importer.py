"""Build the site's pages and snippets from a parsed Archive (see news.archive).

Idempotent: what already exists (matched by year, title and date) is left as it
is, so editors' later changes survive a second run, and nothing is created twice.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from campaigns.models import DonationOption
from home.japanese import ADDRESS as JAPANESE_ADDRESS
from home.japanese import create_japanese_home, translate_with_sample_text
from home.models import (
    ContactFormField,
    ContactPage,
    HomePage,
    OrganisationAddress,
    StandardPage,
)

from .models import NewsIndexPage, NewsPage


@dataclass
class DonationChannel:
    label: str
    kind: str
    name_in_archive: str
    url: str
    japanese: dict


# Donation channels LFNKR has used, and where each one's donations are made.
# An option is created for each channel the archive mentions.
DONATION_CHANNELS = [
    DonationChannel(
        "PayPal",
        DonationOption.Kind.PAYPAL,
        "paypal",
        "https://www.paypal.com/donate/",
        {"label": "PayPal", "description": "PayPalでご寄付いただけます"},
    ),
    DonationChannel(
        "Crowd funding",
        DonationOption.Kind.CROWD_FUNDING,
        "crowd funding",
        "",
        {"label": "クラウドファンディング", "description": "クラウドファンディングで救出を支援"},
    ),
]
SLUG_LENGTH = 80


@dataclass
class ImportReport:
    created_per_year: Counter = field(default_factory=Counter)
    present_per_year: Counter = field(default_factory=Counter)
    changes: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(sum(self.created_per_year.values()) or self.changes)


def import_archive(archive):
    """Create what the archive holds and the site lacks, in one transaction."""
    report = ImportReport()
    with transaction.atomic():
        home = get_or_create_home(archive, report)
        # Every change to the English home page comes before its translation, so the
        # Japanese home page does not start out of date with its source.
        create_donation_use_page(archive, home, report)
        if create_japanese_home(home)[1]:
            report.changes.append("Created the Japanese home page.")
        indexes = {year: get_or_create_year(home, year, report) for year in archive.years}
        import_stories(archive, home, indexes, report)
        import_address(archive, report)
        create_contact_page(home, report)
        import_donation_options(archive, report)
    return report


def get_or_create_home(archive, report):
    locale = Locale.get_default()
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title=archive.address.name, slug="home", locale=locale)
        )
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
        )
        report.changes.append("Created the home page.")
    elif home.title == "Home":
        # The placeholder title of a fresh site becomes the organisation's name.
        home.title = home.draft_title = archive.address.name
        home.save_revision().publish()
        report.changes.append("Named the home page after the organisation.")
    return home


def get_or_create_year(home, year, report):
    index = NewsIndexPage.objects.child_of(home).filter(year=year).first()
    if index is None:
        index = publish_new(home, NewsIndexPage(title=f"News from {year}", year=year))
        report.changes.append(f"Created the archive page for {year}.")
    # Japanese stories need their year in the Japanese tree to be translated into.
    if translate_with_sample_text(index, {"title": f"{year}年のニュース"})[1]:
        report.changes.append(f"Created the Japanese archive page for {year}.")
    return index


def publish_new(parent, page):
    """Add a live page in one save: an import of hundreds of pages needs no revisions."""
    page.live = True
    page.first_published_at = page.last_published_at = timezone.now()
    return parent.add_child(instance=page)


def story_body(item):
    blocks = [("heading", heading) for heading in item.extra_headings]
    blocks += [("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in item.paragraphs]
    return blocks


def import_stories(archive, home, indexes, report):
    """Every item and highlight as a NewsPage, oldest first so newer pages sort later."""
    existing = defaultdict(set)
    taken_slugs = defaultdict(set)
    for page in NewsPage.objects.descendant_of(home).with_year():
        existing[page.archive_year].add((page.title, page.date))
        taken_slugs[page.archive_year].add(page.slug)

    new_pages = [
        (
            item.year,
            NewsPage(title=item.title, date=item.date, summary=item.summary, body=story_body(item)),
        )
        for item in reversed(archive.items)
    ] + [(h.year, NewsPage(title=h.title, is_highlight=True)) for h in reversed(archive.highlights)]
    for year, page in new_pages:
        if (page.title, page.date) in existing[year]:
            report.present_per_year[year] += 1
            continue
        page.slug = unique_slug(page.title, taken_slugs[year])
        publish_new(indexes[year], page)
        existing[year].add((page.title, page.date))
        report.created_per_year[year] += 1


def unique_slug(title, taken):
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "story"
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


def import_address(archive, report):
    locale = Locale.get_default()
    address = OrganisationAddress.objects.filter(locale=locale).first()
    if address is None:
        address = create_address(archive.address, locale)
        report.changes.append("Created the organisation address.")
    if translate_with_sample_text(address, JAPANESE_ADDRESS)[1]:
        report.changes.append("Created the Japanese organisation address.")


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


def archive_mentions(archive):
    """(line, item) in reading order: the header's lines, then each item's title and summary."""
    for line in archive.header_lines:
        yield line, None
    for item in archive.items:
        for line in [item.title, *item.paragraphs]:
            yield line, item


def import_donation_options(archive, report):
    locale = Locale.get_default()
    mentions = list(archive_mentions(archive))
    for order, channel in enumerate(DONATION_CHANNELS):
        line, item = next(
            ((t, i) for t, i in mentions if channel.name_in_archive in t.lower()), (None, None)
        )
        if line is None:
            continue
        option = DonationOption.objects.filter(locale=locale, label=channel.label).first()
        if option is None:
            # A channel without a provider address links to the story that announced it.
            story = None
            if not channel.url and item is not None:
                story = NewsPage.objects.filter(title=item.title, date=item.date).first()
            if not (channel.url or story):
                report.changes.append(f"Skipped “{channel.label}”: nowhere to link.")
                continue
            option = DonationOption.objects.create(
                locale=locale,
                kind=channel.kind,
                label=channel.label,
                description=item.title if item else line,
                url=channel.url,
                link_page=story,
                sort_order=order,
            )
            report.changes.append(f"Created the donation option “{channel.label}”.")
        if translate_with_sample_text(option, channel.japanese)[1]:
            report.changes.append(f"Created the Japanese donation option “{channel.label}”.")


CONTACT_FIELDS = [
    ("Your name", "singleline", True),
    ("Your e-mail address", "email", True),
    ("Your message", "multiline", True),
]


def create_contact_page(home, report):
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
    publish_new(home, page)
    OrganisationAddress.objects.filter(locale=home.locale, contact_page=None).update(
        contact_page=page
    )
    report.changes.append("Created the contact page.")


def create_donation_use_page(archive, home, report):
    """A draft page for the header's "read how your donations are used" link.

    The archive names the page but not its text: editors write and publish it.
    """
    if home.donation_use_page_id:
        return
    line = next((line for line in archive.header_lines if "donations are used" in line), None)
    if line is None:
        return
    title = line.removeprefix("read ").rstrip(".").strip().capitalize()
    page = home.add_child(instance=StandardPage(title=title, slug=slugify(title), live=False))
    page.save_revision()
    home.donation_use_page = page
    home.save_revision().publish()
    report.changes.append(f"Created a draft page “{title}” for editors to write.")
