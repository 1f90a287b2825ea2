from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.html import strip_tags
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

from home.search import CJK_SEARCH_FIELD, CJKSearchMixin

from .blocks import StoryBlock
from .forms import NewsIndexPageForm, NewsPageForm

NEWS_PER_PAGE = 20
# The renditions a listing's thumbnail asks for (components/news_item.html):
# prefetched with the stories, so a listing costs the same queries at any length.
LISTING_THUMBNAIL_RENDITIONS = [
    f"format-{image_format}|fill-{size}"
    for size in ("160x100", "320x200")
    for image_format in ("webp", "jpeg")
]


class NewsIndexPage(Page):
    """One year of news: /2014/ lists that year's stories, newest first."""

    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text="The year this archive holds, e.g. 2014. It is also the last part of its URL.",
    )
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A few words shown above the year's stories (optional).",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    content_panels = Page.content_panels + [FieldPanel("year"), FieldPanel("intro")]
    # The slug always follows the year, so the archive's URL ends in its year.
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

    def get_meta_description(self):
        """What search engines show for the year: its intro, else a sentence saying what it is."""
        intro = strip_tags(self.intro).strip()
        if self.search_description or intro:
            return self.search_description or Truncator(intro).chars(300)
        return _(
            "The news of %(year)s from Life Funds for North Korean Refugees, newest first."
        ) % {"year": self.year}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = NewsPage.objects.live().public().newest_first_in(self).with_thumbnails()
        context["news"] = Paginator(stories, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        context["years"] = news_years(self.get_parent())
        context["year_feed"] = reverse("year_feed", args=[self.year])
        return context


class NewsPageQuerySet(PageQuerySet):
    def with_year(self):
        """Annotate each story with the year of the archive it is filed in (one query)."""
        archive_year = NewsIndexPage.objects.filter(
            path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Page.steplen)
        ).values("year")[:1]
        return self.annotate(archive_year=Subquery(archive_year))

    def newest_first(self):
        """The archive's order: by year, then date, each year's undated stories last."""
        return self.with_year().order_by("-archive_year", F("date").desc(nulls_last=True), "-pk")

    def newest_first_in(self, archive):
        """One year's stories in the archive's order: the year is known, not looked up."""
        return (
            self.child_of(archive)
            .annotate(archive_year=Value(archive.year, output_field=IntegerField()))
            .order_by(F("date").desc(nulls_last=True), "-pk")
        )

    def with_thumbnails(self):
        """Fetch the lead images and their listing renditions with the stories."""
        images = get_image_model().objects.prefetch_renditions(*LISTING_THUMBNAIL_RENDITIONS)
        return self.prefetch_related(Prefetch("lead_image", queryset=images))


class NewsPageTopic(TaggedItemBase):
    """A topic (rescue, UN, food aid ...) an editor gave a story."""

    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="topic_items"
    )


class NewsPage(CJKSearchMixin, Page):
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
    is_highlight = models.BooleanField(
        "past news highlight",
        default=False,
        help_text="Show this story among the Past News Highlights in every page's sidebar.",
    )

    objects = PageManager.from_queryset(NewsPageQuerySet)()

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
        CJK_SEARCH_FIELD,
    ]

    class Meta:
        verbose_name = "news story"
        verbose_name_plural = "news stories"

    @property
    def year(self):
        """The year shown for the story: its date's, or its archive's when undated."""
        if self.date:
            return self.date.year
        archive_year = getattr(self, "archive_year", None)
        if archive_year is not None:
            return archive_year
        parent = self.get_parent()
        return parent.specific.year if parent else None

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
        context["older_story"], context["newer_story"] = self.neighbours()
        context["share_url"] = self.get_full_url(request)
        return context

    def neighbours(self):
        """The stories just before and after this one, in the archive's order, any year."""
        # Siblings share the archive's year: ordering them needs no year lookup.
        siblings = list(
            NewsPage.objects.live()
            .public()
            .sibling_of(self)
            .order_by(F("date").desc(nulls_last=True), "-pk")
            .values_list("pk", flat=True)
        )
        position = siblings.index(self.pk) if self.pk in siblings else -1
        older = siblings[position + 1] if 0 <= position < len(siblings) - 1 else None
        newer = siblings[position - 1] if position > 0 else None
        year = self.year
        stories = NewsPage.objects.live().public().filter(locale_id=self.locale_id)
        if older is None:
            older = (
                stories.newest_first()
                .filter(archive_year__lt=year)
                .values_list("pk", flat=True)
                .first()
            )
        if newer is None:
            newer = (
                stories.newest_first()
                .reverse()
                .filter(archive_year__gt=year)
                .values_list("pk", flat=True)
                .first()
            )
        found = NewsPage.objects.in_bulk([pk for pk in (older, newer) if pk])
        return found.get(older), found.get(newer)

    def get_meta_description(self):
        return self.search_description or self.summary.split("\n\n", 1)[0].strip()


def latest_stories(home, count, archives=None):
    """The newest `count` live stories under `home`, in the archive's order.

    Read year by year from the newest: the newest year nearly always holds them all,
    so this costs a short query per year read, where ordering every story of every
    year by its year would read the whole archive on each visit.
    """
    if archives is None:
        archives = NewsIndexPage.objects.live().public().child_of(home).order_by("-year")
    stories = []
    for archive in archives:
        remaining = count - len(stories)
        if remaining <= 0:
            break
        stories += (
            NewsPage.objects.live().public().newest_first_in(archive).with_thumbnails()[:remaining]
        )
    return stories


def news_years(home):
    """Each live year archive under `home`, newest first, with its count of live stories."""
    years = list(NewsIndexPage.objects.live().public().child_of(home).order_by("-year"))
    if not years:
        return []
    parent_path_length = (years[0].depth) * Page.steplen
    counts = dict(
        NewsPage.objects.live()
        .public()
        .descendant_of(home)
        .annotate(archive_path=Substr("path", 1, parent_path_length))
        .order_by()
        .values("archive_path")
        .annotate(stories=Count("pk"))
        .values_list("archive_path", "stories")
    )
    for archive in years:
        archive.story_count = counts.get(archive.path, 0)
    return years
