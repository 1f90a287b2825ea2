"""A story's lead image: at the top of the story, in the lists, and when it is shared."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.models import NewsPage
from tests.factories import (
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    two_colour_image_file,
)

pytestmark = pytest.mark.django_db

RED = (255, 0, 0)
BLUE = (0, 0, 255)


@pytest.fixture
def year_2014(home):
    return NewsIndexPageFactory(parent=home, year=2014)


@pytest.fixture
def story(year_2014):
    return NewsPageFactory(
        parent=year_2014,
        title="Orphans Reach the Shelter",
        date=datetime.date(2014, 6, 1),
        lead_image=ImageFactory(),
        lead_image_alt="Three children at the shelter's door",
    )


def test_the_story_opens_with_its_lead_image_loaded_at_once(client, story):
    html = client.get(story.url).content.decode()
    lead = re.search(r'<figure class="news-story__lead">(.*?)</figure>', html, re.S).group(1)
    assert re.search(r'<source [^>]*type="image/webp"', lead)
    assert 'alt="Three children at the shelter&#x27;s door"' in lead
    assert re.search(r'<img [^>]*height="\d+"', lead)
    assert re.search(r'<img [^>]*width="\d+"', lead)
    assert 'loading="lazy"' not in lead


def test_a_photo_smaller_than_the_largest_rendition_lists_each_width_once(client, story):
    """Wagtail does not enlarge a 712 px photo: its 800 and 1200 px renditions are
    712 px wide too, and a width listed twice is invalid HTML."""
    story.lead_image.file = two_colour_image_file(width=712, height=400)
    story.lead_image.save()
    html = client.get(story.url).content.decode()
    lead = re.search(r'<figure class="news-story__lead">(.*?)</figure>', html, re.S).group(1)
    for srcset in re.findall(r'srcset="([^"]+)"', lead):
        widths = re.findall(r" (\d+)w", srcset)
        assert len(widths) == len(set(widths)), srcset
        assert "712" in widths


@pytest.mark.parametrize("url", ["/en/", "/en/2014/"])
def test_lists_show_a_lazy_thumbnail_beside_the_story(client, story, url):
    html = client.get(url).content.decode()
    item = re.search(
        r'<article class="(news-item|news-card) \1--with-image">(.*?)</article>', html, re.S
    )
    thumbnail = item.group(2)
    assert 'alt="Three children at the shelter&#x27;s door"' in thumbnail
    assert 'loading="lazy"' in thumbnail
    assert "Orphans Reach the Shelter" in thumbnail


def og_image_pixels(client, story):
    html = client.get(story.url).content.decode()
    url = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    path = url.split(settings.MEDIA_URL, 1)[1]
    with default_storage.open(path) as file:
        picture = PILImage.open(file).convert("RGB")
        picture.load()
    return picture


@pytest.fixture
def story_with_blue_edge(story):
    """The lead photo is wide and red, with a blue strip in its last quarter."""
    story.lead_image.file = two_colour_image_file(width=1600, height=400, split=0.75)
    story.lead_image.save()
    return story


def test_a_centred_share_crop_leaves_out_the_edge_of_a_wide_photo(client, story_with_blue_edge):
    picture = og_image_pixels(client, story_with_blue_edge)
    assert picture.width / picture.height == pytest.approx(1200 / 630, rel=0.01)
    assert picture.getpixel((picture.width - 1, picture.height // 2)) == RED


def test_the_share_crop_keeps_the_focal_point_in_view(client, story_with_blue_edge):
    image = story_with_blue_edge.lead_image
    # The editor marks the blue strip as what matters.
    image.focal_point_x, image.focal_point_y = 1500, 200
    image.focal_point_width, image.focal_point_height = 100, 100
    image.save()
    picture = og_image_pixels(client, story_with_blue_edge)
    assert picture.getpixel((picture.width - 1, picture.height // 2)) == BLUE
    assert picture.getpixel((0, picture.height // 2)) == RED


def story_form(**fields):
    return nested_form_data(
        {
            "title": "Orphans Reach the Shelter",
            "slug": "orphans-reach-the-shelter",
            "summary": "",
            "body": streamfield([]),
            **fields,
        }
    )


def test_a_lead_image_without_any_description_is_refused(admin_client, year_2014):
    image = ImageFactory(description="")
    response = admin_client.post(
        f"/admin/pages/add/news/newspage/{year_2014.pk}/",
        story_form(lead_image=image.pk, lead_image_alt=""),
    )
    assert response.status_code == 200
    assert "Describe the photo for people who cannot see it." in response.content.decode()
    assert not NewsPage.objects.exists()


def test_an_empty_lead_image_description_takes_the_image_description(admin_client, year_2014):
    image = ImageFactory(description="Refugees crossing the river at night")
    admin_client.post(
        f"/admin/pages/add/news/newspage/{year_2014.pk}/",
        story_form(lead_image=image.pk, lead_image_alt=""),
    )
    assert NewsPage.objects.get().lead_image_alt == "Refugees crossing the river at night"


def test_a_story_whose_picture_is_gone_is_shared_with_the_sites_picture(client, year_2014):
    """A body image deleted from the library, or not chosen yet in a previewed draft."""
    photo = ImageFactory()
    story = NewsPageFactory(
        parent=year_2014,
        date=datetime.date(2014, 6, 2),
        body=[("image", {"image": photo, "alt_text": "The shelter"})],
    )
    photo.delete()
    response = client.get(story.url)
    assert response.status_code == 200
    assert re.search(
        r'<meta property="og:image" content="[^"]*lfnkr-share', response.content.decode()
    )
