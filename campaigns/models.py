from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index


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
    sort_order = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower numbers are listed first."
    )
    active = models.BooleanField(
        default=True, help_text="Untick to hide this option everywhere without deleting it."
    )

    objects = DonationOptionQuerySet.as_manager()

    panels = [
        FieldPanel("label"),
        FieldPanel("description"),
        FieldPanel("url"),
        FieldPanel("link_page"),
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
        if not self.url and not self.link_page_id:
            raise ValidationError({"url": "Give the provider's address or choose a page."})

    @property
    def link(self):
        return self.url or (self.link_page.url if self.link_page_id else "")
