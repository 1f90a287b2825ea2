"""The archive parser reads the old page's irregular text without knowing any item."""

import datetime
from collections import Counter
from pathlib import Path

import pytest

from news.archive import ArchiveFormatError, parse_archive

ARCHIVE = Path(__file__).resolve().parents[2] / "data" / "lfnkr-news-archive.txt"


@pytest.fixture(scope="module")
def archive():
    return parse_archive(ARCHIVE.read_text(encoding="utf-8"))


def item(archive, title):
    return next(i for i in archive.items if i.title == title)


def test_every_news_item_is_read_and_filed_in_its_year(archive):
    per_year = Counter(i.year for i in archive.items)
    assert per_year == {
        2014: 16,
        2013: 33,
        2012: 27,
        2011: 26,
        2010: 20,
        2009: 31,
        2008: 27,
        2007: 40,
        2006: 25,
    }
    assert len(archive.items) == 245


def test_highlights_are_read_per_year_with_wrapped_titles_joined(archive):
    by_year = Counter(h.year for h in archive.highlights)
    assert by_year == {2005: 3, 2004: 4, 2003: 5, 2002: 4}
    titles = [h.title for h in archive.highlights]
    assert "Public Executions Captured on Smuggled Video" in titles
    assert "Refugee Rescue Activities" in titles
    assert "LFNKR Registered Mail to China's Jiang Zemin" in titles
    assert archive.years == list(range(2002, 2015))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Crowd Funding to the Rescue", datetime.date(2014, 12, 11)),  # "Decenber"
        ("International Conference Gets Tough", datetime.date(2011, 9, 16)),  # "Sept"
        ("LFNKR Annual Report Released for 2011", datetime.date(2011, 11, 20)),  # no comma
        ("Baby Sumi Celebrates First Birthday", datetime.date(2014, 5, 14)),  # "14 , 2014"
        ("2014 Annual Report Overview", datetime.date(2014, 11, 29)),
        ("China Hunting Down Refugees, Aid Workers Ahead of Olympics", datetime.date(2008, 3, 26)),
    ],
)
def test_irregular_dates_are_read_as_the_archive_meant_them(archive, title, expected):
    assert item(archive, title).date == expected


def test_items_without_a_date_take_the_year_of_their_neighbours(archive):
    undated = [i for i in archive.items if i.date is None]
    assert len(undated) == 11
    assert {i.year for i in undated} == {2006}
    assert undated[-1].title == "Border Report - January 2006"
    assert undated[0].summary.startswith("This organization, together with others")


def test_a_summary_split_by_a_blank_line_keeps_both_paragraphs(archive):
    story = item(archive, "Sending in the Choco Pies")
    assert len(story.paragraphs) == 2
    assert story.paragraphs[1].startswith("This Valentine's Day we will be sending")


def test_two_summary_lines_are_two_paragraphs(archive):
    story = item(archive, "Chinese Border Guards Videotaped Shooting Religious Pilgrims")
    assert story.paragraphs[1].startswith("The group of pilgrims included nuns")


def test_a_word_broken_across_lines_is_mended(archive):
    story = item(archive, "7 NK Refugees Turn to Thai Police")
    assert story.paragraphs == [
        "Seven women who fled North Korea and made their way to Thailand have submitted "
        "an appeal for protection to Thai police."
    ]


@pytest.mark.parametrize(
    ("title", "extra"),
    [
        ("New Book, Why Peace, Offers 77 Ways to Peace", "New Book - Why Peace"),
        ("Survivor of NK Starvation Speaks", "Crossing Orphan"),
        ("American Peace Worker Honored in Seoul", "Suzanne Scholte Wins Seoul Peace Prize"),
    ],
)
def test_an_extra_heading_line_is_kept_apart_from_the_title(archive, title, extra):
    story = item(archive, title)
    assert story.extra_headings == [extra]
    assert not any(i.title == extra for i in archive.items)


def test_the_address_and_donation_call_are_read(archive):
    address = archive.address
    assert address.name == "Life Funds for North Korean Refugees"
    assert address.representative == "Kato Hiroshi"
    assert address.address_lines == ["A-101 Nishi Kata Hyteru", "2-2-8 Nishi Kata, Bunkyo-ku"]
    assert (address.city, address.country, address.postal_code) == ("Tokyo", "Japan", "113-0024")
    assert address.telephone == address.fax == "+81-3-3815-8127"
    assert "Now you can donate by Paypal" in archive.header_lines
    assert archive.footer_lines == ["We Have Zero Tolerance for Spam"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Just some notes\n\nwithout any structure.\n",
        "Past News Highlights\n\n2005\nA title\n",
        ARCHIVE.read_text(encoding="utf-8")
        .replace("Representative: Kato Hiroshi", "Kato")
        .replace("Tel / Fax +81-3-3815-8127", "")
        .replace("Tokyo, Japan 113-0024", "Tokyo"),
    ],
)
def test_text_in_another_format_is_refused(text):
    with pytest.raises(ArchiveFormatError):
        parse_archive(text)


def test_an_impossible_date_is_reported_with_its_line():
    text = ARCHIVE.read_text(encoding="utf-8").replace("May 23, 2014:", "February 30, 2014:")
    with pytest.raises(ArchiveFormatError, match=r"line \d+: 'February 30, 2014:'"):
        parse_archive(text)
