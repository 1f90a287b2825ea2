from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One code: six digits from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()
