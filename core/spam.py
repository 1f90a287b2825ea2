"""Zero tolerance for spam, without a third-party captcha or any JavaScript.

Four rules, each cheap and invisible to a person filling the form in:
a honeypot field people never see, a minimum time between showing the form
and posting it, a limit of posts per client address per hour, and a limit on
the number of links in a message.
"""

import re

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .client_address import client_address

HONEYPOT = "website"
STARTED = "form_started"
GUARD_FIELDS = {HONEYPOT, STARTED}
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
SIGNER_SALT = "home.contact.started"  # unchanged since the form moved: forms in flight stay valid
POLITE_REFUSAL = _(
    "Sorry, we could not accept this message. If you are a person, please wait a moment "
    "and send it again, or write to us by post."
)


def setting(name, default):
    return getattr(settings, name, default)


def signed_start():
    return signing.TimestampSigner(salt=SIGNER_SALT).sign(str(timezone.now().timestamp()))


class SpamGuardMixin(forms.Form):
    """Added to the form editors build; the guard fields are never stored."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[STARTED] = signed_start()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT):
            raise forms.ValidationError(POLITE_REFUSAL, code="honeypot")
        signer = signing.TimestampSigner(salt=SIGNER_SALT)
        try:
            started = float(
                signer.unsign(
                    cleaned_data.get(STARTED) or "",
                    max_age=setting("CONTACT_MAX_FORM_AGE", 86400),
                )
            )
        except (signing.BadSignature, ValueError) as error:
            raise forms.ValidationError(POLITE_REFUSAL, code="no-start") from error
        if timezone.now().timestamp() - started < setting("CONTACT_MIN_FILL_SECONDS", 3):
            raise forms.ValidationError(POLITE_REFUSAL, code="too-fast")
        values = [str(v) for k, v in cleaned_data.items() if k not in GUARD_FIELDS]
        longest = setting("CONTACT_MAX_FIELD_LENGTH", 10_000)
        if any(len(value) > longest for value in values):
            raise forms.ValidationError(
                _("Please keep each answer under %(count)s characters."),
                code="too-long",
                params={"count": longest},
            )
        text = " ".join(values)
        if len(LINK.findall(text)) > setting("CONTACT_MAX_LINKS", 2):
            raise forms.ValidationError(POLITE_REFUSAL, code="links")
        return cleaned_data


def over_hourly_limit(request):
    """Count this post against its client address; True once past the hourly limit.

    Behind TRUSTED_PROXY_COUNT proxies, the address is read from X-Forwarded-For.
    """
    address = client_address(request) or "unknown"
    key = f"contact-posts:{address}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > setting("CONTACT_POSTS_PER_HOUR", 5)
