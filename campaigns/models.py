from datetime import date
from decimal import Decimal
from urllib.parse import urlencode, urlsplit

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Locale,
    Page,
    PageManager,
    PageQuerySet,
    ReferenceIndex,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.lookups import locales
from core.memory import remembered
from core.pages import PageMetadataMixin, first_body_image, rich_text_as_plain
from core.translation import TranslatableSnippetForm

from .blocks import StoryBlock


class Currency(models.TextChoices):
    JPY = "JPY", "Japanese yen (JPY)"
    USD = "USD", "US dollar (USD)"


# A PayPal account is a business e-mail address or a 13-character merchant ID.
PAYPAL_MERCHANT_ID = RegexValidator(
    r"^([A-Z0-9]{13}|[^@\s]+@[^@\s]+\.[^@\s]+)$",
    "Enter the PayPal business e-mail address or the 13-character merchant ID.",
)
PAYPAL_BUTTON_ID = RegexValidator(r"^[A-Z0-9]{5,20}$", "Enter the button ID PayPal shows.")


class DonationOptionQuerySet(models.QuerySet):
    def with_destination(self):
        """Options a gift can reach: an option with nowhere to give is never shown."""
        return self.filter(
            ~Q(url="")
            | Q(link_page__live=True)
            | ~Q(transfer_details="")
            | (
                Q(kind=DonationOption.Kind.PAYPAL)
                & (~Q(paypal_account="") | ~Q(paypal_button_id=""))
            )
        )

    def without_destination(self):
        return self.exclude(pk__in=self.with_destination().values("pk"))

    def active_for_locale(self, locale_id=None):
        """The options a visitor of this language can give through, in the editors' order."""
        return (
            self.filter(active=True, locale_id=locale_id or Locale.get_active().pk)
            .with_destination()
            .select_related("link_page")
            .order_by("sort_order", "pk")
        )


class DonationOption(TranslatableMixin, index.Indexed, models.Model):
    """A way to give (PayPal, crowd funding ...), shown in every page's call to donate."""

    class Kind(models.TextChoices):
        PAYPAL = "paypal", "PayPal"
        CROWD_FUNDING = "crowd_funding", "Crowd funding"
        TRANSFER = "transfer", "Bank or postal transfer"
        OTHER = "other", "Other"

    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text="PayPal and crowd funding need a link; a transfer needs the account details.",
    )
    label = models.CharField(max_length=100, help_text="The name visitors see, e.g. “PayPal”.")
    description = models.CharField(
        max_length=255,
        blank=True,
        help_text="One sentence shown beside the link, e.g. “Now you can donate by PayPal”.",
    )
    url = models.URLField(
        "URL",
        blank=True,
        help_text="The provider's page where the donation is made; it opens on their site.",
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Or a page of this site that explains how to give this way.",
    )
    transfer_details = models.TextField(
        blank=True,
        help_text="For a bank or postal transfer: bank, branch, account number and name "
        "(for 郵便振替, the account number and name), shown as text donors copy.",
    )
    paypal_account = models.CharField(
        "PayPal account",
        max_length=127,
        blank=True,
        validators=[PAYPAL_MERCHANT_ID],
        help_text="For PayPal: the organisation's PayPal business e-mail address or merchant ID "
        "(PayPal › Account settings). The Donate page then shows PayPal's donate form.",
    )
    paypal_button_id = models.CharField(
        "PayPal Donate button ID",
        max_length=20,
        blank=True,
        validators=[PAYPAL_BUTTON_ID],
        help_text="Or the ID of a Donate button made on PayPal (hosted_button_id in PayPal's "
        "button code); it is used instead of the account.",
    )
    sort_order = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower numbers are listed first."
    )
    active = models.BooleanField(
        default=True, help_text="Untick to hide this option everywhere without deleting it."
    )

    objects = DonationOptionQuerySet.as_manager()

    base_form_class = TranslatableSnippetForm
    panels = [
        FieldPanel("kind"),
        FieldPanel("label"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("paypal_account"), FieldPanel("paypal_button_id")], heading="PayPal"
        ),
        FieldPanel("url"),
        FieldPanel("link_page"),
        FieldPanel("transfer_details"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]
    search_fields = [index.SearchField("label"), index.AutocompleteField("label")]
    # Translators translate the words; where a gift goes is the same in every language
    # (wagtail-localize would otherwise offer the PayPal account for translation).
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("description"),
        TranslatableField("transfer_details"),
        *(
            SynchronizedField(name)
            for name in [
                "kind",
                "url",
                "link_page",
                "paypal_account",
                "paypal_button_id",
                "sort_order",
                "active",
            ]
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = "donation option"

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.kind == self.Kind.TRANSFER:
            if not self.transfer_details.strip():
                raise ValidationError({"transfer_details": "Give the account details."})
        elif self.kind == self.Kind.PAYPAL:
            # May wait for its account (the import makes it so): hidden from visitors
            # meanwhile, and the admin dashboard asks for the account.
            pass
        elif not self.url and not self.link_page_id:
            raise ValidationError({"url": "Give the provider's address or choose a page."})

    @property
    def has_destination(self):
        """DonationOptionQuerySet.with_destination, for one option."""
        return bool(
            self.url
            or (self.link_page_id and self.link_page.live)
            or self.transfer_details
            or self.has_paypal_form
        )

    @property
    def has_paypal_form(self):
        """Given on the Donate page through PayPal's donate form, built from the account."""
        return self.kind == self.Kind.PAYPAL and bool(self.paypal_account or self.paypal_button_id)

    @property
    def link(self):
        """Where a visitor gives through this option, from any page of the site."""
        if self.url:
            return self.url
        if self.link_page_id and self.link_page.live:
            return self.link_page.url
        if self.has_paypal_form:
            donate_page = DonatePage.for_locale(self.locale_id)
            return f"{donate_page.url}#option-{self.pk}" if donate_page else ""
        return ""

    @property
    def link_language(self):
        """The language of the page `link` leads to when it is not this option's, else
        "": the Japanese site's option may lead to an English story not yet translated."""
        if self.url or not (self.link_page_id and self.link_page.live):
            return ""
        if self.link_page.locale_id == self.locale_id:
            return ""
        return locales()[self.link_page.locale_id].language_code

    def missing(self):
        """What an editor must enter before visitors see this option, or ""."""
        if self.has_destination:
            return ""
        if self.kind == self.Kind.PAYPAL:
            return "PayPal is not set up: enter the organisation's PayPal account"
        if self.kind == self.Kind.TRANSFER:
            return f"“{self.label}” has no account details: enter them"
        return f"“{self.label}” leads nowhere: enter its URL or choose a page"


class CampaignIndexPage(PageMetadataMixin, Page):
    """The list of appeals: open ones first."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "campaign list"

    def description_source(self):
        return rich_text_as_plain(self.intro)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = list(CampaignPage.objects.live().public().child_of(self).with_raised())
        context["campaigns"] = sorted(campaigns, key=CampaignPage.listing_order)
        return context


class CampaignPageQuerySet(PageQuerySet):
    def with_raised(self):
        """Annotate the total given to each campaign, in any of its languages."""
        given = (
            Donation.objects.filter(campaign__translation_key=OuterRef("translation_key"))
            .filter(currency=OuterRef("currency"))
            .order_by()
            .values("currency")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        return self.annotate(raised_total=Coalesce(Subquery(given), Decimal(0)))

    def open_to_gifts(self):
        """The campaigns visitors can give to: CampaignPage.effective_status, in SQL."""
        return (
            self.with_raised()
            .filter(status=CampaignPage.Status.OPEN, raised_total__lt=F("goal_amount"))
            .exclude(deadline__lt=timezone.localdate())
        )


class CampaignPage(PageMetadataMixin, Page):
    """An appeal with a goal, a deadline and the donations recorded for it."""

    class Status(models.TextChoices):
        # The labels are what visitors read beside the appeal, in either language.
        OPEN = "open", _("Open: please help")
        FUNDED = "funded", _("Funded: thank you!")
        CLOSED = "closed", _("Closed")

    summary = models.TextField(blank=True, help_text="One or two sentences for listings.")
    body = StreamField(StoryBlock(), blank=True, help_text="The appeal's story.")
    goal_amount = models.DecimalField(
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(1)],
        help_text="The sum to raise.",
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.JPY)
    deadline = models.DateField(null=True, blank=True, help_text="The last day to give (optional).")
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.OPEN,
        help_text="Close an appeal by hand; it also shows as closed after its deadline, "
        "and as funded once its goal is reached.",
    )
    donation_options = ParentalManyToManyField(
        "campaigns.DonationOption", blank=True, help_text="The ways to give to this appeal."
    )

    objects = PageManager.from_queryset(CampaignPageQuerySet)()

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("goal_amount"),
                FieldPanel("currency"),
                FieldPanel("deadline"),
                FieldPanel("status"),
            ],
            heading="Goal",
        ),
        FieldPanel("donation_options", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = "campaign"

    def description_source(self):
        return self.summary

    def get_share_image(self):
        return first_body_image(self.body)

    @property
    def raised(self):
        if hasattr(self, "raised_total"):
            return self.raised_total
        total = Donation.objects.filter(
            campaign__translation_key=self.translation_key, currency=self.currency
        ).aggregate(total=Sum("amount"))["total"]
        return total or Decimal(0)

    @property
    def effective_status(self):
        """What visitors are told: closed by hand or by the deadline, funded at the goal."""
        if self.status == self.Status.CLOSED or (
            self.deadline and self.deadline < timezone.localdate()
        ):
            return self.Status.CLOSED
        if self.status == self.Status.FUNDED or self.raised >= self.goal_amount:
            return self.Status.FUNDED
        return self.Status.OPEN

    @property
    def effective_status_label(self):
        return self.Status(self.effective_status).label

    @property
    def percent(self):
        return min(100, int(self.raised * 100 / self.goal_amount)) if self.goal_amount else 0

    def listing_order(self):
        return (self.effective_status != self.Status.OPEN, self.deadline or date.max, -self.pk)

    def supporting_pages(self):
        """Live pages (stories mostly) whose body asks readers to support this appeal."""
        referring = (
            ReferenceIndex.get_references_to(self)
            .filter(base_content_type=ContentType.objects.get_for_model(Page))
            .values_list("object_id", flat=True)
        )
        # object_id is text in the reference index, so compare in Python, not in SQL.
        page_ids = [int(object_id) for object_id in referring if object_id.isdigit()]
        return (
            Page.objects.live()
            .public()
            .filter(pk__in=page_ids)
            .exclude(pk=self.pk)
            .order_by("-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["supporting_pages"] = self.supporting_pages()
        # In a preview the options are not saved yet: chosen in Python, not in SQL.
        options = self.donation_options.all()
        context["options"] = [
            option for option in options if option.active and option.has_destination
        ]
        context["donate_page"] = DonatePage.for_locale(self.locale_id)
        return context


class DonatePage(RoutablePageMixin, PageMetadataMixin, Page):
    """The place to give, one per language: the options, the open appeals, and why give.

    PayPal options become PayPal's donate form, carrying the appeal and the visitor's
    language in `custom`, which the PayPal notification handler reads back.
    """

    what_a_gift_does = RichTextField(
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text="What a gift does, shown above the ways to give: e.g. what a rescue or a "
        "month in a shelter costs. Only facts the organisation can stand behind.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown on the thank-you page PayPal returns donors to.",
    )
    trust_pages = StreamField(
        [("page", blocks.PageChooserBlock(help_text="A page of this site."))],
        blank=True,
        help_text="The pages a donor reads before giving (about us, how donations are used), "
        "linked from this page and every page's footer.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [
        FieldPanel("what_a_gift_does"),
        FieldPanel("trust_pages"),
        FieldPanel("thank_you_text"),
    ]
    search_fields = Page.search_fields + [index.SearchField("what_a_gift_does")]

    class Meta:
        verbose_name = "donate page"

    @classmethod
    def for_locale(cls, locale_id):
        return remembered(
            ("donate-page", locale_id),
            lambda: cls.objects.live().filter(locale_id=locale_id).first(),
        )

    def description_source(self):
        return rich_text_as_plain(self.what_a_gift_does)

    def trust_links(self):
        """The trust pages in the visitor's language where translated, live ones only."""
        pages = [block.value.localized for block in self.trust_pages if block.value]
        return [page for page in pages if page.live]

    def open_campaigns(self):
        campaigns = CampaignPage.objects.live().public().filter(locale_id=self.locale_id)
        return sorted(campaigns.open_to_gifts(), key=CampaignPage.listing_order)

    def paypal_fields(self, request, option, campaign):
        """The fields PayPal's donate form posts. `custom` comes back in PayPal's
        notification: its format is what the notification handler parses."""
        language = self.locale.language_code
        page_url = self.get_url(request)
        account = (
            {"hosted_button_id": option.paypal_button_id}
            if option.paypal_button_id
            else {"business": option.paypal_account}
        )
        return {
            **account,
            # 0: PayPal's page offers to make the gift monthly.
            "no_recurring": "0",
            "currency_code": campaign.currency if campaign else Currency.JPY,
            # The home page is named after the organisation.
            "item_name": campaign.title if campaign else self.get_parent().title,
            "custom": urlencode(
                {"campaign": campaign.pk if campaign else "", "language": language}
            ),
            "notify_url": request.build_absolute_uri(reverse("paypal-ipn")),
            "return": request.build_absolute_uri(page_url + self.reverse_subpage("thanks")),
            # 1: PayPal sends the donor back with a plain GET; a POST (rm=2) would meet
            # the thank-you page's CSRF check.
            "rm": "1",
            "cancel_return": request.build_absolute_uri(page_url),
            "lc": "ja_JP" if language == "ja" else "en_US",
        }

    @path("")
    def donate(self, request):
        campaigns = self.open_campaigns()
        chosen = request.GET.get("campaign", "")
        campaign = next((c for c in campaigns if str(c.pk) == chosen), None)
        options = list(DonationOption.objects.active_for_locale(self.locale_id))
        for option in options:
            if option.has_paypal_form:
                option.paypal_fields = self.paypal_fields(request, option, campaign)
        return self.render(
            request,
            context_overrides={
                "options": options,
                "campaigns": campaigns,
                "campaign": campaign,
                "paypal_donate_url": settings.PAYPAL_DONATE_URL,
            },
        )

    @path("thanks/", name="thanks")
    def thanks(self, request):
        return self.render(request, template="campaigns/donate_thanks_page.html")

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The site's forms post to itself only; this page's PayPal forms post to PayPal.
        paypal = urlsplit(settings.PAYPAL_DONATE_URL)
        response._csp_update = {"form-action": [f"{paypal.scheme}://{paypal.netloc}"]}
        return response


class DonationUsePage(PageMetadataMixin, Page):
    """How donations are used: what a donor reads before giving, with the annual report."""

    summary = models.TextField(
        blank=True, help_text="One or two plain sentences, used in listings and search results."
    )
    body = StreamField(StoryBlock(), blank=True, help_text="Where the money goes, and how.")
    annual_report = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The latest annual report (optional): shown as a download once chosen.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("annual_report"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = "how donations are used page"

    def description_source(self):
        return self.summary


class Donation(models.Model):
    """A gift received: typed in by the Finance team, or recorded from PayPal's
    notification (campaigns/paypal.py). A refund or reversal is a record of its own
    with a negative amount, so every total and progress bar takes it off."""

    class Channel(models.TextChoices):
        PAYPAL = "paypal", "PayPal"
        CROWD_FUNDING = "crowd_funding", "Crowd funding"
        TRANSFER = "transfer", "Bank or postal transfer"
        CASH = "cash", "Cash"
        OTHER = "other", "Other"

    campaign = models.ForeignKey(
        CampaignPage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="donations",
        help_text="The appeal it was given to; empty for general funds.",
    )
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, help_text="Negative for a refund or reversal."
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.JPY)
    fee = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        help_text="What the payment service kept (PayPal's fee); the rest is net.",
    )
    date_received = models.DateField(default=timezone.localdate)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    donor_name = models.CharField(
        max_length=200, blank=True, help_text="Leave empty for an anonymous gift."
    )
    donor_email = models.EmailField(
        blank=True, help_text="Where the receipt goes; empty when none was given."
    )
    # Null, not empty, for gifts typed in by hand: unique holds only among PayPal's.
    transaction_id = models.CharField(
        "PayPal transaction ID",
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        help_text="Set for gifts PayPal notified; each is recorded once.",
    )
    refund_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refunds",
        help_text="The gift this refund or reversal gives back.",
    )
    note = models.TextField(blank=True)

    panels = [
        FieldPanel("campaign"),
        FieldPanel("amount"),
        FieldPanel("currency"),
        FieldPanel("fee"),
        FieldPanel("date_received"),
        FieldPanel("channel"),
        FieldPanel("donor_name", permission="campaigns.view_donor_name"),
        FieldPanel("donor_email", permission="campaigns.view_donor_name"),
        FieldPanel("note"),
        FieldPanel("transaction_id", read_only=True),
        FieldPanel("refund_of", read_only=True),
    ]

    class Meta:
        ordering = ["-date_received", "-pk"]
        permissions = [("view_donor_name", "Can see donors' names")]

    def __str__(self):
        return f"{self.amount} {self.currency} on {self.date_received}"

    def clean(self):
        super().clean()
        if self.date_received and self.date_received > timezone.localdate():
            raise ValidationError({"date_received": "A gift cannot be received in the future."})
        if self.amount is not None:
            if self.refund_of_id and self.amount >= 0:
                raise ValidationError({"amount": "A refund is a negative amount."})
            if not self.refund_of_id and self.amount <= 0:
                raise ValidationError({"amount": "A gift is more than nothing."})

    @property
    def donor(self):
        return self.donor_name or "Anonymous"

    @property
    def net(self):
        return self.amount - self.fee
