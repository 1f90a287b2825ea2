"""The donation options the old news page mentions, in both languages.

Part of the archive import (home.setup). The import invents no account or address:
a channel whose provider address the site does not know links to the story that
announced it, or is left out.
"""

from dataclasses import dataclass

from wagtail.models import Locale

from core.translation import translate_with_sample_text

from .models import DonationOption


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
            # A channel without a provider address links to the story that announced it.
            story = story_of(item) if not channel.url and item is not None else None
            if not (channel.url or story):
                changes.append(f"Skipped “{channel.label}”: nowhere to link.")
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
            changes.append(f"Created the donation option “{channel.label}”.")
        if translate_with_sample_text(option, channel.japanese)[1]:
            changes.append(f"Created the Japanese donation option “{channel.label}”.")
