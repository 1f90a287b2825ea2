from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from campaigns.blocks import StoryBlock
from core.cache import page_of_listing
from core.cjk import CJK_SEARCH_FIELD, CJKSearchMixin
from core.memory import remembered
from core.pages import (
    DESCRIPTION_LENGTH,
    PageMetadataMixin,
    first_body_image,
    first_paragraph,
    home_of,
    rich_text_as_plain,
    shown_on_site_of,
    upper_pages,
)

from . import story_links
from .events import stories_refiled
from .forms import NewsIndexPageForm, NewsPageForm

NEWS_PER_PAGE = 20
# How many related stories a story page suggests: one row of small cards.
RELATED_STORIES = 3
# How many of the stories last given a story's topics are weighed for its related stories.
RELATED_CANDIDATES = 30
# The renditions a listing's thumbnail asks for (components/news_item.html):
# prefetched with the stories, so a listing costs the same queries at any length.
LISTING_THUMBNAIL_RENDITIONS = [
    f"format-{image_format}|fill-{size}"
    for size in ("160x100", "320x200")
    for image_format in ("webp", "jpeg")
]


class NewsIndexPageQuerySet(PageQuerySet):
    def of_home(self, home):
        """The news years visitors can open on one language's site, newest first."""
        return self.live().public().child_of(home).order_by("-year")


class NewsIndexPage(PageMetadataMixin, Page):
    """A news year: /2014/ lists that year's stories, newest first."""

    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text="The year whose stories this page lists, e.g. 2014. "
        "It is also the last part of its URL.",
    )
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A few words shown above the year's stories (optional).",
    )

    objects = PageManager.from_queryset(NewsIndexPageQuerySet)()

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    content_panels = Page.content_panels + [FieldPanel("year"), FieldPanel("intro")]
    # The slug always follows the year, so the URL of a news year ends in its year.
    promote_panels = [
        panel for panel in Page.promote_panels if getattr(panel, "field_name", "") != "slug"
    ]

    base_form_class = NewsIndexPageForm

    class Meta:
        verbose_name = "news year"

    def full_clean(self, *args, **kwargs):
        if self.year:
            self.slug = str(self.year)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:
            # A year corrected by an editor is its stories' year too.
            NewsPage.objects.child_of(self).exclude(filed_year=self.year).update(
                filed_year=self.year
            )
            stories_refiled.send(sender=type(self), instance=self)
        return result

    def description_source(self):
        return rich_text_as_plain(self.intro)

    def get_meta_description(self):
        """What search engines show for the year: its intro, else a sentence saying what it is."""
        intro = self.description_source()
        if self.search_description or intro:
            return self.search_description or Truncator(intro).chars(DESCRIPTION_LENGTH)
        return _(
            "The news of %(year)s from Life Funds for North Korean Refugees, newest first."
        ) % {"year": self.year}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        news_years = news_years_with_counts(home)
        # Each year's stories are counted once per content version, for the menu.
        count = next((y.story_count for y in news_years if y.pk == self.pk), None)
        if count is None:  # a year not live yet (a preview)
            count = NewsPage.objects.shown_on(home).filter(filed_year=self.year).count()
        stories = story_links.Listing(home, count, with_thumbnails, year=self.year)
        context["news"] = page_of_listing(request, stories, NEWS_PER_PAGE, count=count)
        context["news_years"] = news_years
        context["year_feed"] = reverse("year_feed", args=[self.year])
        return context


# The order of stories within a news year, everywhere: newest date first, the
# undated ones (known only by their year) last, then the latest added first.
NEWEST_IN_YEAR = (F("date").desc(nulls_last=True), "-pk")


class NewsPageQuerySet(PageQuerySet):
    def shown_on(self, home, *, listing=False):
        """The live, public stories a visitor of `home`'s site reads (core.pages);
        `listing` when a few are read in the listing order."""
        return self.live().public().filter(shown_on_site_of(home, listing=listing))

    def newest_first(self):
        """The stories' order: by news year, then as NEWEST_IN_YEAR."""
        return self.order_by("-filed_year", *NEWEST_IN_YEAR)

    def with_thumbnails(self, renditions=LISTING_THUMBNAIL_RENDITIONS):
        """Fetch the lead images and these renditions of them (a listing's thumbnails
        unless told) with the stories."""
        return self.prefetch_related(lead_images_with(renditions))


class NewsPageTopic(TaggedItemBase):
    """A topic (rescue, UN, food aid ...) an editor gave a story."""

    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="topic_items"
    )


class NewsPage(PageMetadataMixin, CJKSearchMixin, Page):
    """A news story, filed under its year."""

    date = models.DateField(
        null=True,
        blank=True,
        help_text="The day the story was published. Leave empty when only the year is known.",
    )
    summary = models.TextField(
        help_text="A plain-text teaser of one or two paragraphs (a blank line between them), "
        "shown in listings and to search engines.",
        blank=True,
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A photo shown at the top of the story, beside it in news lists and when the "
        "story is shared. Set the image's focal point so every crop keeps what matters.",
    )
    lead_image_alt = models.CharField(
        "lead image description",
        max_length=255,
        blank=True,
        help_text="What the photo shows, for people who cannot see it. Left empty, the "
        "image's own description is used.",
    )
    body = StreamField(
        StoryBlock(),
        blank=True,
        help_text="The full story. Add headings, photos, quotes, videos and documents with +.",
    )
    topics = ClusterTaggableManager(
        through=NewsPageTopic,
        blank=True,
        help_text="Words that group stories, e.g. rescue, UN, food aid. Each has a page.",
    )
    filed_year = models.PositiveSmallIntegerField(
        null=True,
        editable=False,
        help_text="The year of the news year the story is filed under (kept by save and move).",
    )
    is_highlight = models.BooleanField(
        "past news highlight",
        default=False,
        help_text="Show this story among the Past News Highlights in every page's sidebar.",
    )

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    # What the shared templates ask of every page and story: the home page sets a
    # listed story's news year to link it; a story has no intro (its summary is shown).
    # Attributes a page lacks cost Django's templates a dir() of the whole page object,
    # a tenth of a year page's time for twenty stories (issue 16).
    news_year = None
    intro = None

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    base_form_class = NewsPageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("is_highlight")], heading="Filing"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading="Lead image"
        ),
        FieldPanel("body"),
        FieldPanel("topics"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("filed_year"),
        CJK_SEARCH_FIELD,
    ]

    class Meta:
        verbose_name = "news story"
        verbose_name_plural = "news stories"
        # Listings select a language's stories of one year, newest first.
        indexes = [models.Index(fields=["filed_year", "date"], name="news_story_year_date")]

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.filed_year = year_of_news_year(self.path, self.depth)
        return super().save(*args, **kwargs)

    # [(name, slug)] of the topics when read with the story (home.routing.story_at).
    topics_given = None

    def topic_links(self):
        """(name, slug) of the story's topics, in the order they were given."""
        if self.topics_given is not None:
            return self.topics_given
        return [(topic.name, topic.slug) for topic in self.topics.all()]

    def year_page(self):
        """The news year the story is filed under (its parent), from memory when live."""
        parent_path = self.path[: -Page.steplen]
        return upper_pages().get(parent_path) or self.get_parent()

    @property
    def year(self):
        """The year shown for the story: its date's, or its news year's when undated."""
        if self.date:
            return self.date.year
        return self.filed_year

    def clean(self):
        super().clean()
        if self.lead_image and not self.lead_image_alt:
            # The lead photo carries the story's meaning: it never goes out without words.
            self.lead_image_alt = self.lead_image.description
            if not self.lead_image_alt:
                raise ValidationError(
                    {"lead_image_alt": "Describe the photo for people who cannot see it."}
                )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.filed_year is None:  # a preview of a story never saved
            self.filed_year = year_of_news_year(self.path, self.depth)
        home = home_of(self)
        if home is None:
            context["older_story"] = context["newer_story"] = None
            context["related_stories"] = []
        else:
            years_with_stories = [
                news_year.year
                for news_year in news_years_with_counts(home)
                if news_year.story_count
            ]
            context["older_story"], context["newer_story"] = story_links.neighbours(
                self, home, years_with_stories
            )
            context["related_stories"] = story_links.related(
                self, home, RELATED_STORIES, RELATED_CANDIDATES
            )
        context["share_url"] = self.get_full_url(request)
        return context

    def description_source(self):
        return self.summary

    def get_meta_description(self):
        return self.search_description or first_paragraph(self.summary)

    def get_share_image(self):
        if self.lead_image:
            return self.lead_image, self.lead_image_alt
        return first_body_image(self.body)

    def get_structured_data(self, *, url, description, image_url, organisation):
        published = self.date.isoformat() if self.date else str(self.year)
        modified = self.last_published_at.isoformat() if self.last_published_at else published
        return {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": description,
            "datePublished": published,
            "dateModified": modified,
            "inLanguage": self.locale.language_code,
            "mainEntityOfPage": url,
            "image": [image_url],
            "publisher": {"@type": "NGO", "name": organisation["name"]},
        }


def year_of_news_year(path, depth):
    """The year of the news year at the parent of the tree position (path, depth), or None."""
    if not path or depth is None or depth < 2:
        return None
    parent_path = path[: (depth - 1) * Page.steplen]
    return NewsIndexPage.objects.filter(path=parent_path).values_list("year", flat=True).first()


def latest_stories(home, count, news_year=None, renditions=LISTING_THUMBNAIL_RENDITIONS):
    """The newest `count` stories `home`'s visitors read, in the stories' order, with
    `renditions` of their lead photos."""
    year = news_year.year if news_year is not None else None
    stories = story_links.listed(home, year=year, limit=count)
    with_thumbnails(stories, renditions)
    return stories


def with_thumbnails(stories, renditions=LISTING_THUMBNAIL_RENDITIONS):
    """Fetch the lead images of `stories` and these renditions of them (a listing's
    thumbnails unless told): two queries, none when no story has a photo."""
    with_photos = [story for story in stories if story.lead_image_id is not None]
    if with_photos:  # building the prefetch costs a millisecond even for nothing
        prefetch_related_objects(with_photos, lead_images_with(renditions))


def lead_images_with(renditions):
    """The prefetch of stories' lead photos with these renditions of them."""
    images = get_image_model().objects.prefetch_renditions(*renditions)
    return Prefetch("lead_image", queryset=images)


def news_years_with_counts(home):
    """The news years of `home`, newest first, each with `story_count`, the stories
    its page lists (one grouped count for all years), counted once per content version."""
    return remembered(("news-years", home.pk), lambda: count_stories_of_years(home))


def topic_story_count(home, tag):
    """How many stories of `home`'s site have the topic `tag`, counted once per content
    version: a common topic's count reads tens of thousands of stories (issue 16)."""
    return remembered(
        ("topic-stories", home.pk, tag.pk),
        lambda: (
            NewsPage.objects.shown_on(home)
            .filter(pk__in=NewsPageTopic.objects.filter(tag=tag).values("content_object_id"))
            .count()
        ),
    )


def count_stories_of_years(home):
    news_years = list(NewsIndexPage.objects.of_home(home))
    if not news_years:
        return []
    counts = dict(
        NewsPage.objects.shown_on(home)
        .order_by()
        .values("filed_year")
        .annotate(stories=Count("pk"))
        .values_list("filed_year", "stories")
    )
    for news_year in news_years:
        news_year.story_count = counts.get(news_year.year, 0)
        # Its address, worked out once: the menu and the years list link every year.
        news_year.link = news_year.get_url()
    return news_years
