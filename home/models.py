import logging
from smtplib import SMTPException

from django.db import models
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, Site, TranslatableMixin
from wagtail.search import index

from news.blocks import StoryBlock

from .search import CJK_SEARCH_FIELD, CJKSearchMixin
from .spam import GUARD_FIELDS, POLITE_REFUSAL, SpamGuardMixin, over_hourly_limit

logger = logging.getLogger(__name__)

LATEST_NEWS_COUNT = 10


class HomePage(CJKSearchMixin, Page):
    """The front page of one language's site: latest news, highlights, the call to donate."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A short welcome shown above the latest news (optional).",
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
    ]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("donation_use_page"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), CJK_SEARCH_FIELD]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        from news.models import latest_stories, news_years

        context = super().get_context(request, *args, **kwargs)
        years = news_years(self)
        archives = {archive.year: archive for archive in years}
        latest_news = latest_stories(self, LATEST_NEWS_COUNT, archives=years)
        for story in latest_news:
            story.archive = archives.get(story.archive_year)
        context.update(latest_news=latest_news, years=years, open_campaigns=self.open_campaigns())
        return context

    def open_campaigns(self):
        from campaigns.models import CampaignPage

        return CampaignPage.objects.live().public().descendant_of(self).still_open()

    @classmethod
    def for_request(cls, request):
        """The home page of the visitor's site in the active language, or None."""
        site = Site.find_for_request(request)
        if site is None:
            return None
        same_home = cls.objects.filter(pk=site.root_page_id).values("translation_key")
        return cls.objects.filter(
            translation_key__in=models.Subquery(same_home), locale=Locale.get_active()
        ).first()


class StandardPage(CJKSearchMixin, Page):
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


class OrganisationAddress(TranslatableMixin, models.Model):
    """The organisation's postal address and contacts, shown in every page's footer."""

    name = models.CharField(max_length=200, help_text="The organisation's full name.")
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

    panels = [
        FieldPanel("name"),
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

    @classmethod
    def for_locale(cls, locale_id=None):
        locale_id = locale_id or Locale.get_active().pk
        return cls.objects.filter(locale_id=locale_id).order_by("pk").first()


class SocialLink(TranslatableMixin, models.Model):
    """A "Follow us" link (X/Twitter, Facebook ...), listed in every page's footer."""

    label = models.CharField(max_length=60, help_text="The network's name, e.g. “X (Twitter)”.")
    url = models.URLField("URL", help_text="LFNKR's own page on that network.")
    sort_order = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower numbers are listed first."
    )

    panels = [FieldPanel("label"), FieldPanel("url"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = "follow-us link"

    def __str__(self):
        return self.label


class ContactFormField(AbstractFormField):
    page = ParentalKey("home.ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(AbstractEmailForm):
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

    def get_form_class(self):
        return type("ContactForm", (SpamGuardMixin, super().get_form_class()), {})

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and over_hourly_limit(request):
            form = self.get_form(request.POST, page=self, user=request.user)
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
