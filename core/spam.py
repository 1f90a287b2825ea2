"""Zero tolerance for spam, without a third-party captcha or any JavaScript.

Five rules, each cheap and invisible to a person filling the form in:
a honeypot field people never see, a minimum time between showing the form
and posting it, a start token that sends one message only, a limit of posts
per client address per hour, and a limit on the number of links in a message.
"""

import re
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .client_address import client_address
from .models import UsedStartToken

HONEYPOT = "website"
STARTED = "form_started"
GUARD_FIELDS = {HONEYPOT, STARTED}
# Top-level domains that make a bare name a link ("cheap-pills.ru"). Common words
# ("kim", "me", "is", "to") are left out, so "Mr.Kim" or "help.me" stay text.
LINK_TLDS = (
    "com|net|org|info|biz|io|co|xyz|top|online|site|club|shop|icu|buzz|vip"
    "|ru|su|cn|ua|jp|kr|uk|de|tk|ml|ga|cf|gq|pw|cc|ws"
)
# One match per link: a scheme, also defanged (hxxps://, hxxp[:]//); or a host name
# standing on its own (not an e-mail address, not the host after a scheme, not in a
# path), written with www., with a path after it, or ending in one of LINK_TLDS.
# "e.g.", "3.14" and "Mr.Kim" are none of these.
LINK = re.compile(
    rf"""
    h[tx]{{2}}ps?(?::|\[:\])//
    | (?<![a-z0-9_@/.-])
      (?: www\d{{0,3}}(?:\.|\[\.\])
        | (?:[a-z0-9-]+(?:\.|\[\.\]))+ (?: [a-z]{{2,63}}/ | (?:{LINK_TLDS})(?![a-z0-9-]) )
      )
    """,
    re.IGNORECASE | re.VERBOSE,
)
SIGNER_SALT = "home.contact.started"  # unchanged since the form moved: forms in flight stay valid
POLITE_REFUSAL = _(
    "Sorry, we could not accept this message. If you are a person, please wait a moment "
    "and send it again, or write to us by post."
)
ALREADY_SENT = _(
    "This form has already been sent. To send another message, please reload the page "
    "and write it again."
)


def setting(name, default):
    return getattr(settings, name, default)


def signed_start():
    return signing.TimestampSigner(salt=SIGNER_SALT).sign(str(timezone.now().timestamp()))


def spend_start_token(token):
    """True the first time a message is sent with this token, False ever after.

    The unique row decides, whichever worker or session posts. Rows older than a token
    can live are no longer needed: such a token is refused as too old anyway.
    """
    now = timezone.now()
    max_age = timedelta(seconds=setting("CONTACT_MAX_FORM_AGE", 86400))
    UsedStartToken.objects.filter(used_at__lt=now - max_age).delete()
    try:
        with transaction.atomic():
            UsedStartToken.objects.create(token=token, used_at=now)
    except IntegrityError:
        return False
    return True


class SpamGuardMixin(forms.Form):
    """Added to the form editors build; the guard fields are never stored.

    A valid form spends its start token; set spends_start_token to False to validate
    a post that is refused anyway (the hourly limit), so its sender can try again.
    """

    spends_start_token = True

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
        # Last, and only for an otherwise valid form: a person who corrects a field
        # posts the same token again.
        if self.spends_start_token and not self.errors:
            if not spend_start_token(cleaned_data[STARTED]):
                raise forms.ValidationError(ALREADY_SENT, code="used")
        return cleaned_data


def over_hourly_limit(request):
    """Count this post against its client address; True once past the hourly limit.

    Behind TRUSTED_PROXY_COUNT proxies, the address is read from X-Forwarded-For.
    """
    address = client_address(request) or "unknown"
    key = f"contact-posts:{address}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > setting("CONTACT_POSTS_PER_HOUR", 5)
