from datetime import date
from decimal import Decimal

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
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

from core.pages import PageMetadataMixin, first_body_image, rich_text_as_plain
from core.translation import TranslatableSnippetForm

from .blocks import StoryBlock


class Currency(models.TextChoices):
    JPY = "JPY", "Japanese yen (JPY)"
    USD = "USD", "US dollar (USD)"


class DonationOptionQuerySet(models.QuerySet):
    def active_for_locale(self, locale_id=None):
        """The options a visitor of this language can give through, in the editors' order."""
        return (
            self.filter(active=True, locale_id=locale_id or Locale.get_active().pk)
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
        help_text="For a bank or postal transfer: bank, branch, account number and name.",
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
        FieldPanel("url"),
        FieldPanel("link_page"),
        FieldPanel("transfer_details"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]
    search_fields = [index.SearchField("label"), index.AutocompleteField("label")]

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
        elif not self.url and not self.link_page_id:
            raise ValidationError({"url": "Give the provider's address or choose a page."})

    @property
    def link(self):
        return self.url or (self.link_page.url if self.link_page_id else "")


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
        context["options"] = self.donation_options.filter(active=True)
        return context


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
