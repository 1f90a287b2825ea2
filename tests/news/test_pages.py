"""Editors build the news tree in the admin; the tree only allows what makes sense."""

import datetime
import re

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.models import CampaignIndexPage, DonatePage, DonationUsePage
from home.models import ContactPage, HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage
from tests.factories import NewsIndexPageFactory, sign_in_verified, site_home


class NewsTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = site_home()
        cls.year = NewsIndexPageFactory(parent=cls.home, year=2014)

    def setUp(self):
        sign_in_verified(self.client, self.create_test_user())

    def test_each_page_type_goes_only_where_it_belongs(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                NewsIndexPage,
                StandardPage,
                ContactPage,
                CampaignIndexPage,
                DonatePage,
                DonationUsePage,
            },
        )
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(NewsPage, NewsPage)

    def test_an_editor_creates_a_home_page_for_another_site(self):
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "LFNKR Campaign Site",
                    "slug": "campaign-home",
                    "intro": rich_text("<p>Hello</p>"),
                }
            ),
        )
        assert HomePage.objects.get(slug="campaign-home").live

    def test_control_characters_pasted_into_a_story_are_dropped(self):
        self.assertCanCreate(
            self.year,
            NewsPage,
            nested_form_data(
                {
                    "title": "Nine\x0b Orphans Reach Safety",
                    "slug": "nine-orphans",
                    "summary": "They\x1b crossed at night.",
                    "body": streamfield([]),
                }
            ),
        )
        story = NewsPage.objects.get(slug="nine-orphans")
        assert (story.title, story.summary) == (
            "Nine Orphans Reach Safety",
            "They crossed at night.",
        )

    def test_an_editor_creates_a_year_whose_url_ends_in_the_year(self):
        self.assertCanCreate(
            self.home, NewsIndexPage, nested_form_data({"title": "News of 2015", "year": "2015"})
        )
        archive = NewsIndexPage.objects.get(year=2015)
        assert archive.url == "/en/2015/"

    def test_a_year_cannot_be_created_twice(self):
        response = self.client.post(
            f"/admin/pages/add/news/newsindexpage/{self.home.pk}/",
            nested_form_data({"title": "Again", "year": "2014", "action-publish": "publish"}),
        )
        assert response.status_code == 200
        assert (
            "There is already a news year page for 2014." in response.context["form"].errors["year"]
        )
        assert NewsIndexPage.objects.filter(year=2014).count() == 1

    def test_an_editor_creates_a_story_with_every_kind_of_block(self):
        image = Image.objects.create(title="Shelter", file=get_test_image_file())
        document = Document.objects.create(
            title="Annual report 2014", file=ContentFile(b"%PDF-1.4 report", name="report.pdf")
        )
        body = streamfield(
            [
                ("heading", "A new way to give"),
                ("paragraph", rich_text("<p>Back in 2003 we gave our visitors PayPal.</p>")),
                (
                    "image",
                    {"image": image.pk, "alt_text": "Children at a shelter", "caption": "Jilin"},
                ),
                ("quote", {"text": "We invite your help.", "attribution": "Kato Hiroshi"}),
                ("video", {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "caption": ""}),
                ("document", {"document": document.pk, "link_text": "Read the report"}),
                ("donate", {"heading": "Please help", "text": "Seven are waiting."}),
            ]
        )
        self.assertCanCreate(
            self.year,
            NewsPage,
            nested_form_data(
                {
                    "title": "Crowd Funding to the Rescue",
                    "date": "2014-12-11",
                    "summary": "A new way to donate.",
                    "is_highlight": "on",
                    "body": body,
                }
            ),
        )
        story = NewsPage.objects.get(slug="crowd-funding-to-the-rescue")
        assert story.date == datetime.date(2014, 12, 11)
        assert story.is_highlight
        assert story.url == "/en/2014/crowd-funding-to-the-rescue/"
        kinds = [block.block_type for block in story.body]
        assert kinds == ["heading", "paragraph", "image", "quote", "video", "document", "donate"]
        heading, paragraph, picture, quote, video, report, donate = (b.value for b in story.body)
        assert heading == "A new way to give"
        assert "Back in 2003" in paragraph.source
        assert picture["image"] == image and picture["alt_text"] == "Children at a shelter"
        assert quote["attribution"] == "Kato Hiroshi"
        assert video["video"].url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
        assert report["document"] == document
        assert donate["heading"] == "Please help"

        html = self.client.get(story.url).content.decode()
        assert 'alt="Children at a shelter"' in html
        # A <picture> with WebP first and a JPEG fallback, sized and lazily loaded.
        picture = re.search(r"<picture>(.*?)</picture>", html, re.S).group(1)
        assert re.search(r'<source [^>]*type="image/webp"', picture)
        img = re.search(r"<img [^>]*>", picture).group()
        for attribute in ['loading="lazy"', 'width="480"', 'height="360"', ".jpg"]:
            assert attribute in img
        assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in html
        assert "Read the report" in html and "(PDF" in html

    def test_an_image_without_alt_text_is_refused(self):
        image = Image.objects.create(title="Shelter", file=get_test_image_file())
        response = self.client.post(
            f"/admin/pages/add/news/newspage/{self.year.pk}/",
            nested_form_data(
                {
                    "title": "No alt",
                    "slug": "no-alt",
                    "body": streamfield(
                        [("image", {"image": image.pk, "alt_text": "", "caption": ""})]
                    ),
                    "action-publish": "publish",
                }
            ),
        )
        assert response.status_code == 200
        assert not NewsPage.objects.filter(slug="no-alt").exists()

    def test_an_editor_creates_a_content_page(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "How your donations are used",
                    "summary": "Every yen goes to rescues.",
                    "body": streamfield([("paragraph", rich_text("<p>Shelters and food.</p>"))]),
                }
            ),
        )
        page = StandardPage.objects.get(slug="how-your-donations-are-used")
        assert page.body[0].block_type == "paragraph"
        assert "Shelters and food." in self.client.get(page.url).content.decode()
