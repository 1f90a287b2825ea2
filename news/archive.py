"""Read the text of LFNKR's old news home page into plain Python objects.

The old page was written by hand over a decade, so its text is irregular: dates
with misspelt or abbreviated months and stray spaces or commas, titles preceded
by an extra heading line, summaries of several paragraphs (sometimes split by a
blank line), items without a date, and lines padded with non-breaking spaces.
This module knows the shape of the page, never a particular item. It does not
touch the database; home.setup and news.importer turn an Archive into pages.
"""

import calendar
import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

HIGHLIGHTS_HEADING = "past news highlights"
MONTHS = [name.lower() for name in calendar.month_name[1:]]
DATE_LINE = re.compile(r"^(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2})\s*,?\s*(?P<year>\d{4})\s*:?$")
YEAR_LINE = re.compile(r"^(?P<year>\d{4})$")
# A line that ends with one of these closes its sentence; any other line that is
# followed by one starting in lower case was broken in the middle by the old HTML.
SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")", ":", "…")
LONGEST_TITLE = 90
REPRESENTATIVE = re.compile(r"^Representative\s*:\s*(?P<name>.+)$", re.IGNORECASE)
TELEPHONE = re.compile(
    r"^(?:Tel|Telephone|Phone)\.?\s*(?P<and_fax>/\s*Fax)?\s*:?\s*(?P<number>\+?[\d\s()-]+)$",
    re.IGNORECASE,
)
FAX = re.compile(r"^Fax\.?\s*:?\s*(?P<number>\+?[\d\s()-]+)$", re.IGNORECASE)
CITY_LINE = re.compile(
    r"^(?P<city>[^,\d]+),\s*(?P<country>[^,\d]+?)\s+(?P<postal_code>\d{3}-?\d{4}|\d{5})$"
)
LINK_ONLY_LINES = {"contact us"}


def default_archive_path():
    """The text of the old news page, as the repository holds it."""
    return Path(settings.BASE_DIR) / "data" / "lfnkr-news-archive.txt"


class ArchiveFormatError(ValueError):
    """The text is not an LFNKR news page archive, or is damaged beyond reading."""


@dataclass
class NewsItem:
    title: str
    date: datetime.date | None
    paragraphs: list[str] = field(default_factory=list)
    extra_headings: list[str] = field(default_factory=list)
    year: int | None = None
    line_number: int = 0

    @property
    def summary(self):
        return "\n\n".join(self.paragraphs)


@dataclass
class Highlight:
    year: int
    title: str


@dataclass
class Address:
    name: str
    representative: str = ""
    address_lines: list[str] = field(default_factory=list)
    postal_code: str = ""
    city: str = ""
    country: str = ""
    telephone: str = ""
    fax: str = ""


@dataclass
class Archive:
    header_lines: list[str]
    highlights: list[Highlight]
    items: list[NewsItem]
    address: Address
    footer_lines: list[str] = field(default_factory=list)

    @property
    def years(self):
        years = {item.year for item in self.items} | {h.year for h in self.highlights}
        return list(range(min(years), max(years) + 1))


@dataclass
class Block:
    """Consecutive non-blank lines, and the number of the first in the file."""

    line_number: int
    lines: list[str]


def clean_line(line):
    text = line.replace("\u00a0", " ").replace("\ufeff", "")
    text = re.sub(r"\s+", " ", text).strip()
    # A line of dots alone is a separator the old page drew between items.
    return "" if set(text) <= {"."} else text


def split_blocks(text):
    blocks, current = [], None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = clean_line(raw)
        if not line:
            current = None
        elif current is None:
            current = Block(number, [line])
            blocks.append(current)
        else:
            current.lines.append(line)
    return blocks


def parse_month(word):
    word = word.lower()
    if word in MONTHS:
        return MONTHS.index(word) + 1
    by_prefix = [m for m in MONTHS if len(word) >= 3 and m.startswith(word)]
    if len(by_prefix) == 1:
        return MONTHS.index(by_prefix[0]) + 1
    close = difflib.get_close_matches(word, MONTHS, n=1, cutoff=0.75)
    return MONTHS.index(close[0]) + 1 if close else None


def parse_date_line(line, line_number):
    """The date of a dateline such as "Decenber 11, 2014:", None for any other line."""
    match = DATE_LINE.match(line)
    if not match:
        return None
    month = parse_month(match["month"])
    if month is None:
        return None
    try:
        return datetime.date(int(match["year"]), month, int(match["day"]))
    except ValueError as error:
        raise ArchiveFormatError(f"line {line_number}: {line!r} is not a real date") from error


def looks_like_title(line):
    return len(line) <= LONGEST_TITLE and not line.endswith((".", ",", ";", ":"))


def join_paragraph_lines(lines):
    """One paragraph per line, except where the old HTML broke a sentence across lines."""
    paragraphs = []
    for line in lines:
        previous = paragraphs[-1] if paragraphs else ""
        if previous and not previous.endswith(SENTENCE_END) and line[:1].islower():
            # A lone fragment such as "Se" + "ven women" is a word cut by a styled
            # first letter; anything longer is a sentence cut between words.
            separator = "" if " " not in previous else " "
            paragraphs[-1] = previous + separator + line
        else:
            paragraphs.append(line)
    return paragraphs


def parse_highlights(blocks):
    """The highlights (year lines, then titles) and the index of the first news block."""
    highlights, year = [], None
    for position, block in enumerate(blocks):
        if any(parse_date_line(line, block.line_number) for line in block.lines):
            return highlights, position
        lines = list(block.lines)
        year_match = YEAR_LINE.match(lines[0])
        if year_match:
            year = int(year_match["year"])
            lines = lines[1:]
        if not lines:
            continue
        if year is None:
            raise ArchiveFormatError(
                f"line {block.line_number}: highlight {lines[0]!r} comes before any year"
            )
        # A long title wraps over several lines.
        highlights.append(Highlight(year, " ".join(lines)))
    raise ArchiveFormatError("no dated news item found after the highlights")


def parse_news(blocks):
    items, pending_headings = [], []
    for block in blocks:
        lines = block.lines
        date_at = next(
            (i for i, line in enumerate(lines) if parse_date_line(line, block.line_number + i)),
            None,
        )
        if date_at is not None:
            headings = pending_headings + lines[:date_at]
            if not headings:
                raise ArchiveFormatError(f"line {block.line_number}: a date without a title")
            items.append(
                NewsItem(
                    title=headings[-1],
                    extra_headings=headings[:-1],
                    date=parse_date_line(lines[date_at], block.line_number + date_at),
                    paragraphs=join_paragraph_lines(lines[date_at + 1 :]),
                    line_number=block.line_number,
                )
            )
            pending_headings = []
        elif looks_like_title(lines[0]) and len(lines) == 1:
            # A title alone: the extra heading of the next item, or an undated title.
            pending_headings.append(lines[0])
        elif looks_like_title(lines[0]) or pending_headings:
            headings = pending_headings + ([lines[0]] if looks_like_title(lines[0]) else [])
            body = lines[1:] if looks_like_title(lines[0]) else lines
            items.append(
                NewsItem(
                    title=headings[-1],
                    extra_headings=headings[:-1],
                    date=None,
                    paragraphs=join_paragraph_lines(body),
                    line_number=block.line_number,
                )
            )
            pending_headings = []
        elif items:
            # A paragraph on its own continues the summary of the item above it.
            items[-1].paragraphs.extend(join_paragraph_lines(lines))
        else:
            raise ArchiveFormatError(
                f"line {block.line_number}: text {lines[0][:40]!r} belongs to no news item"
            )
    for title in pending_headings:
        items.append(NewsItem(title=title, date=None))
    file_undated_items(items)
    return items


def file_undated_items(items):
    """An undated item belongs to the year of the dated item above it, else the one below."""
    dated_years = [item.date.year if item.date else None for item in items]
    for position, item in enumerate(items):
        if item.date:
            item.year = item.date.year
            continue
        above = [y for y in dated_years[:position] if y]
        below = [y for y in dated_years[position + 1 :] if y]
        if not (above or below):
            raise ArchiveFormatError("no item has a date, so no year can be given to any")
        item.year = above[-1] if above else below[0]


def parse_address(block):
    address = Address(name=block.lines[0])
    for line in block.lines[1:]:
        if match := REPRESENTATIVE.match(line):
            address.representative = match["name"]
        elif match := TELEPHONE.match(line):
            address.telephone = match["number"].strip()
            if match["and_fax"]:
                address.fax = address.telephone
        elif match := FAX.match(line):
            address.fax = match["number"].strip()
        elif match := CITY_LINE.match(line):
            address.city = match["city"].strip()
            address.country = match["country"].strip()
            address.postal_code = match["postal_code"]
        elif line.lower() not in LINK_ONLY_LINES:
            address.address_lines.append(line)
    return address


def parse_archive(text):
    blocks = split_blocks(text)
    start = next(
        (i for i, b in enumerate(blocks) if b.lines[0].lower() == HIGHLIGHTS_HEADING), None
    )
    if start is None:
        raise ArchiveFormatError(
            "no “Past News Highlights” section: this is not the LFNKR news page archive"
        )
    header_lines = [line for block in blocks[:start] for line in block.lines]
    highlights_and_news = blocks[start:]
    highlights_and_news[0] = Block(
        highlights_and_news[0].line_number + 1, highlights_and_news[0].lines[1:]
    )
    highlight_blocks = [b for b in highlights_and_news if b.lines]
    highlights, news_start = parse_highlights(highlight_blocks)
    rest = highlight_blocks[news_start:]
    address_at = next(
        (i for i in reversed(range(len(rest))) if any(map(is_address_line, rest[i].lines))),
        None,
    )
    if address_at is None:
        raise ArchiveFormatError("the page does not end with the organisation's address")
    news_blocks = rest[:address_at]
    if not news_blocks:
        raise ArchiveFormatError("the archive has no news items")
    return Archive(
        header_lines=header_lines,
        highlights=highlights,
        items=parse_news(news_blocks),
        address=parse_address(rest[address_at]),
        footer_lines=[line for block in rest[address_at + 1 :] for line in block.lines],
    )


def is_address_line(line):
    return any(pattern.match(line) for pattern in (REPRESENTATIVE, TELEPHONE, CITY_LINE))
