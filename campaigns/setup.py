"""The donation options the old news page mentions, and the Donate page, in both languages.

Part of the archive import (home.setup). The import invents no account or address:
PayPal is created without its account, hidden from visitors until an editor enters
it (the admin dashboard asks for it); crowd funding links to the story that
announced it, or is left out.
"""

from dataclasses import dataclass

from wagtail.models import Locale

from core.pages import add_live_child
from core.translation import translate_with_sample_text

from .models import DonatePage, DonationOption


@dataclass
class DonationChannel:
    label: str
    kind: str
    name_in_archive: str
    links_to_story: bool
    japanese: dict


# Donation channels LFNKR has used. An option is created for each one the archive mentions.
DONATION_CHANNELS = [
    DonationChannel(
        "PayPal",
        DonationOption.Kind.PAYPAL,
        "paypal",
        False,  # the old page gives no account: an editor enters it
        {"label": "PayPal", "description": "PayPalでご寄付いただけます"},
    ),
    DonationChannel(
        "Crowd funding",
        DonationOption.Kind.CROWD_FUNDING,
        "crowd funding",
        True,
        {"label": "クラウドファンディング", "description": "クラウドファンディングで救出を支援"},
    ),
]
DONATE_PAGE_JAPANESE = {"title": "寄付する"}


def archive_mentions(archive):
    """(line, item) in reading order: the header's lines, then each item's title and summary."""
    for line in archive.header_lines:
        yield line, None
    for item in archive.items:
        for line in [item.title, *item.paragraphs]:
            yield line, item


def import_donation_options(archive, changes, story_of):
    """`story_of(item)` finds the page imported from an item of the archive."""
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
            story = story_of(item) if channel.links_to_story and item is not None else None
            if channel.links_to_story and story is None:
                changes.append(f"Skipped “{channel.label}”: nowhere to link.")
                continue
            option = DonationOption.objects.create(
                locale=locale,
                kind=channel.kind,
                label=channel.label,
                description=item.title if item else line,
                link_page=story,
                sort_order=order,
            )
            changes.append(f"Created the donation option “{channel.label}”.")
            if story is None:
                changes.append(f"“{channel.label}” is hidden until its account is entered.")
        if translate_with_sample_text(option, channel.japanese)[1]:
            changes.append(f"Created the Japanese donation option “{channel.label}”.")


def create_donate_page(home, trust_pages, changes):
    """/en/donate/ and its Japanese translation, linking the pages a donor reads first."""
    page = DonatePage.objects.child_of(home).first()
    if page is None:
        page = DonatePage(
            title="Donate",
            slug="donate",
            trust_pages=[("page", trust_page) for trust_page in trust_pages],
        )
        add_live_child(home, page)
        changes.append("Created the Donate page.")
    if translate_with_sample_text(page, DONATE_PAGE_JAPANESE)[1]:
        changes.append("Created the Japanese Donate page.")
    return page
