import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _


def without_control_characters(text):
    """Drop NUL and other control characters, which no search backend accepts."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n")


class SearchForm(forms.Form):
    RELEVANCE, DATE = "relevance", "date"

    q = forms.CharField(label=_("Search Website"), max_length=200, required=False, strip=True)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[(RELEVANCE, _("Most relevant first")), (DATE, _("Newest first"))],
    )

    def clean_q(self):
        return " ".join(without_control_characters(self.cleaned_data["q"]).split())

    def clean_order(self):
        return self.cleaned_data["order"] or self.RELEVANCE
