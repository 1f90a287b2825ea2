import logging
from smtplib import SMTPException

from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from campaigns.blocks import StoryBlock
from campaigns.models import CampaignPage, DonatePage
from core.cjk import CJK_SEARCH_FIELD, CJKSearchMixin
from core.exports import FormulaSafeExportMixin
from core.memory import remembered
from core.pages import (
    PageMetadataMixin,
    first_body_image,
    home_page_for_request,
    rich_text_as_plain,
)
from core.spam import GUARD_FIELDS, POLITE_REFUSAL, SpamGuardMixin, over_hourly_limit
from core.translation import TranslatableSnippetForm
from news.models import latest_stories, news_years_with_counts

logger = logging.getLogger(__name__)

LATEST_NEWS_COUNT = 10
# The renditions of a story's lead photo on the home page's news cards (full width on a
# phone, half the column on a wide screen, 1x and 2x), prefetched with the stories so
# the home page costs the same queries however many stories have a photo.
NEWS_CARD_RENDITIONS = [
    f"format-{image_format}|fill-{size}"
    for size in ("400x250", "800x500")
    for image_format in ("webp", "jpeg")
]


class HomePage(PageMetadataMixin, CJKSearchMixin, Page):
    """The front page of one language's site: who LFNKR is, what a gift does, the latest
    news, the open appeals, the highlights and how to follow."""

    who_we_are = RichTextField(
        "who we are",
        blank=True,
        features=["bold", "italic", "link"],
        help_text="One or two sentences at the top of the home page: who LFNKR is and what it "
        "does. Search engines show it too.",
    )
    what_a_gift_does = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="One or two sentences beside the home page's Donate button: what a gift "
        "does. Only facts the organisation can stand behind; the Donate page says more.",
    )
    donation_use_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page explaining how donations are used, linked from every call to donate.",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.NewsIndexPage",
        "home.StandardPage",
        "home.ContactPage",
        "campaigns.CampaignIndexPage",
        "campaigns.DonatePage",
        "campaigns.DonationUsePage",
    ]

    content_panels = Page.content_panels + [
        FieldPanel("who_we_are"),
        FieldPanel("what_a_gift_does"),
        FieldPanel("donation_use_page"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("who_we_are"),
        index.SearchField("what_a_gift_does"),
        CJK_SEARCH_FIELD,
    ]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_years = news_years_with_counts(self)
        by_year = {news_year.year: news_year for news_year in news_years}
        latest_news = latest_stories(self, LATEST_NEWS_COUNT, renditions=NEWS_CARD_RENDITIONS)
        for story in latest_news:
            story.news_year = by_year.get(story.filed_year)
        context.update(
            latest_news=latest_news,
            news_years=news_years,
            open_campaigns=self.open_campaigns(),
            donate_page=DonatePage.for_locale(self.locale_id),
            social_links=SocialLink.for_locale(self.locale_id),
        )
        return context

    def open_campaigns(self):
        """The appeals open to gifts today, once per content version and day: every gift
        and publish moves the version, and a deadline passes at midnight. The query
        (the raised totals in every language) costs more than the rest of the page's."""
        today = timezone.localdate()
        return remembered(
            ("open-campaigns", self.pk, today),
            lambda: list(CampaignPage.objects.live().public().descendant_of(self).open_to_gifts()),
        )

    @classmethod
    def for_request(cls, request):
        """The home page of the visitor's site in the active language, or None."""
        return home_page_for_request(request, model=cls)

    def description_source(self):
        return rich_text_as_plain(self.who_we_are)

    def get_structured_data(self, *, url, description, image_url, organisation):
        return {"@context": "https://schema.org", **organisation, "url": url, "logo": image_url}


class StandardPage(PageMetadataMixin, CJKSearchMixin, Page):
    """A generic content page editors write (about us, how donations are used ...)."""

    summary = models.TextField(
        blank=True, help_text="One or two plain sentences, used in listings and search results."
    )
    body = StreamField(StoryBlock(), blank=True, help_text="The page's content.")

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        CJK_SEARCH_FIELD,
    ]

    class Meta:
        verbose_name = "content page"

    def description_source(self):
        return self.summary

    def get_share_image(self):
        return first_body_image(self.body)


class OrganisationAddress(TranslatableMixin, models.Model):
    """The organisation's postal address and contacts, shown in every page's footer."""

    name = models.CharField(max_length=200, help_text="The organisation's full name.")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown before the name at the top of every page, in every language "
        "(a square or wide image; the name stays written beside it).",
    )
    representative = models.CharField(max_length=200, blank=True)
    address_lines = models.TextField(
        blank=True, help_text="Building and street, one line per line as on an envelope."
    )
    postal_code = models.CharField(max_length=20, blank=True)
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    telephone = models.CharField(max_length=50, blank=True)
    fax = models.CharField(max_length=50, blank=True)
    contact_email = models.EmailField(
        blank=True, help_text="Where “Contact Us” writes to when no contact page is chosen."
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The contact page “Contact Us” links to (preferred over the e-mail address).",
    )

    base_form_class = TranslatableSnippetForm
    panels = [
        FieldPanel("name"),
        FieldPanel("logo"),
        FieldPanel("representative"),
        MultiFieldPanel(
            [
                FieldPanel("address_lines"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("country"),
            ],
            heading="Postal address",
        ),
        MultiFieldPanel(
            [
                FieldPanel("telephone"),
                FieldPanel("fax"),
                FieldPanel("contact_email"),
                FieldPanel("contact_page"),
            ],
            heading="Contacts",
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "organisation address"
        verbose_name_plural = "organisation address"

    def __str__(self):
        return self.name

    @property
    def street_lines(self):
        return [line.strip() for line in self.address_lines.splitlines() if line.strip()]

    @property
    def contact_url(self):
        if self.contact_page_id and self.contact_page.live:
            return self.contact_page.url
        if self.contact_email:
            return f"mailto:{self.contact_email}"
        return ""

    def postal_lines(self, language_code):
        """The postal address line by line, as written on an envelope in that language."""
        if language_code == "ja":
            # Japanese addresses run from the postal code down to the building.
            lines = [f"〒{self.postal_code}"] if self.postal_code else []
            street = self.street_lines or [""]
            if self.city or self.street_lines:
                lines += [self.city + street[0], *street[1:]]
            return lines
        lines = list(self.street_lines)
        if self.city or self.postal_code:
            country = f", {self.country}" if self.country else ""
            lines.append(f"{self.city}{country} {self.postal_code}".strip())
        return lines

    def get_structured_data(self):
        """The organisation, as schema.org describes an NGO."""
        return {
            "@type": "NGO",
            "name": self.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(self.street_lines),
                "addressLocality": self.city,
                "postalCode": self.postal_code,
                "addressCountry": self.country,
            },
            "telephone": self.telephone,
            "faxNumber": self.fax,
        }

    @classmethod
    def for_locale(cls, locale_id=None):
        locale_id = locale_id or Locale.get_active().pk
        return remembered(
            ("address", locale_id),
            lambda: cls.objects.filter(locale_id=locale_id).order_by("pk").first(),
        )


class SocialLink(TranslatableMixin, models.Model):
    """A "Follow us" link (X/Twitter, Facebook ...), listed in every page's footer."""

    label = models.CharField(max_length=60, help_text="The network's name, e.g. “X (Twitter)”.")
    url = models.URLField("URL", help_text="LFNKR's own page on that network.")
    sort_order = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower numbers are listed first."
    )

    base_form_class = TranslatableSnippetForm
    panels = [FieldPanel("label"), FieldPanel("url"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = "follow-us link"

    def __str__(self):
        return self.label

    @classmethod
    def for_locale(cls, locale_id):
        """The links of one language, in their order (every page's footer shows them)."""
        return remembered(
            ("social-links", locale_id), lambda: list(cls.objects.filter(locale_id=locale_id))
        )


class ContactFormField(TranslatableMixin, AbstractFormField):
    """A field of the contact form, in its page's language: translators translate its
    label (and help text, choices) in wagtail-localize's editor; synchronising the page
    keeps their words instead of copying the English ones back over them."""

    page = ParentalKey("home.ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    # The clean name is the field's key in every stored answer, the same in every
    # language: derived once from the English label, never a string to translate.
    override_translatable_fields = [SynchronizedField("clean_name", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


class ContactPage(PageMetadataMixin, AbstractEmailForm):
    """ "Contact Us": a form editors design, protected from spam, stored before any e-mail."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown after a message is sent.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("from_address"), FieldPanel("subject")],
            heading="E-mail the messages to",
        ),
    ]

    class Meta:
        verbose_name = "contact page"

    def description_source(self):
        return rich_text_as_plain(self.intro)

    def get_form_class(self):
        return type("ContactForm", (SpamGuardMixin, super().get_form_class()), {})

    def get_submissions_list_view_class(self):
        """The stored messages in the admin; their CSV export runs no visitor's formula."""
        view = super().get_submissions_list_view_class()
        return type("ContactSubmissionsListView", (FormulaSafeExportMixin, view), {})

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and over_hourly_limit(request):
            form = self.get_form(request.POST, page=self, user=request.user)
            form.spends_start_token = False  # refused: the same form may be sent later
            form.is_valid()
            form.add_error(None, POLITE_REFUSAL)
            context = self.get_context(request)
            context["form"] = form
            return TemplateResponse(request, self.get_template(request), context, status=429)
        return super().serve(request, *args, **kwargs)

    def process_form_submission(self, form):
        """Store the message first: a mail server that is down loses nothing."""
        for name in GUARD_FIELDS:
            form.cleaned_data.pop(name, None)
        submission = self.get_submission_class().objects.create(
            form_data=form.cleaned_data, page=self
        )
        if self.to_address:
            try:
                self.send_mail(form)
            except (SMTPException, OSError):
                logger.exception(
                    "The contact message %s was stored but not e-mailed", submission.pk
                )
        return submission
