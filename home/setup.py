"""The whole site from the old news page: its frame here, the news and giving by their apps.

The frame is what this app owns: the home page, the contact page, the page on how
donations are used, the organisation address and the Japanese home page. Idempotent,
like the rest of the import: what exists already is left as it is.
"""

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from campaigns.setup import import_donation_options
from core.pages import add_live_child
from core.translation import translate_with_sample_text
from news.importer import ImportReport, import_news_years, import_stories, story_of

from .japanese import ADDRESS as JAPANESE_ADDRESS
from .japanese import create_japanese_home
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
        if create_japanese_home(home)[1]:
            changes.append("Created the Japanese home page.")
        news_years = import_news_years(archive, home, changes)
        import_stories(archive, home, news_years, report)
        import_address(archive, changes)
        create_contact_page(home, changes)
        import_donation_options(archive, changes, story_of=story_of)
    return report


def get_or_create_home(archive, changes):
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
        changes.append("Created the home page.")
    elif home.title == "Home":
        # The placeholder title of a fresh site becomes the organisation's name.
        home.title = home.draft_title = archive.address.name
        home.save_revision().publish()
        changes.append("Named the home page after the organisation.")
    return home


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


def create_donation_use_page(archive, home, changes):
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
    changes.append(f"Created a draft page “{title}” for editors to write.")
