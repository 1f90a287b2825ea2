import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _


def without_control_characters(text):
    """Drop NUL and other control characters, which no search backend accepts."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search Website"), max_length=200, required=False, strip=True)

    def clean_q(self):
        return " ".join(without_control_characters(self.cleaned_data["q"]).split())
