"""A limit on guessing the password of a private page or document.

Wagtail's password forms (page privacy and collection privacy "password") take
any number of tries. Each wrong one is written down against the client address;
after PASSWORD_FAILURE_LIMIT of them within PASSWORD_LOCKOUT, every try from that
address is refused with a 429, the right password too, until they grow old.

django-axes, which limits admin logins, counts users' logins through Django's
authentication signals: a page password has no user, and feeding it in as one
would list fake user names among the logins and show the sign-in lockout page.
The count lives in the database rather than the cache: every worker shares it,
and neither a per-process cache nor a Redis outage lifts the limit.
"""

import functools

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from .client_address import client_address
from .models import WrongPassword


def limit_wrong_passwords(view):
    """Wrap one of Wagtail's password views: it answers a wrong password with its
    form again (200) and a right one with a redirect."""

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        address = client_address(request) or "unknown"
        if is_locked_out(address):
            minutes = int(settings.PASSWORD_LOCKOUT.total_seconds() // 60)
            context = {"minutes": minutes}
            return render(request, "core/password_locked_out.html", context, status=429)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            WrongPassword.objects.create(client_address=address, tried_at=timezone.now())
        return response

    return limited


def is_locked_out(address):
    since = timezone.now() - settings.PASSWORD_LOCKOUT
    WrongPassword.objects.filter(tried_at__lt=since).delete()
    wrong = WrongPassword.objects.filter(client_address=address, tried_at__gte=since)
    return wrong.count() >= settings.PASSWORD_FAILURE_LIMIT
