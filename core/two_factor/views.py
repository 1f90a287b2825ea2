"""The two-factor pages of the admin: verify a sign-in, set up an authenticator app
or a passkey, see new recovery codes once, remove a second factor."""

import math
import re
from base64 import b32encode
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from . import (
    is_verified,
    must_use_two_factor,
    needs_verification,
    new_recovery_codes,
    recovery_codes_left,
    second_factors,
    verify_code,
)
from .forms import CodeForm

# The secret of an authenticator app being set up, kept in the session until the
# app's first code confirms it.
NEW_KEY_SESSION_KEY = "two_factor_new_key"


def next_url(request):
    """Where to go once verified: a local `next`, or the dashboard."""
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def with_next(name, request):
    return f"{reverse(name)}?{urlencode({'next': next_url(request)})}"


def verify_first(request):
    """A user with a second factor confirms it before changing any of them."""
    if not is_verified(request.user) and user_has_device(request.user):
        return redirect(f"{reverse('two_factor:verify')}?{urlencode({'next': request.path})}")
    return None


def render(request, template, title, **context):
    """The admin's own layout once the admin is open to this session; before that
    the sign-in page's, without the menu of places it cannot go yet."""
    user = request.user
    admin_open = is_verified(user) or not needs_verification(user)
    layout = (
        "core/two_factor/layout_admin.html" if admin_open else "core/two_factor/layout_bare.html"
    )
    context.update(layout=layout, page_title=title, header_icon="key", next=next_url(request))
    return TemplateResponse(request, template, context)


@never_cache
def overview(request):
    if response := verify_first(request):
        return response
    user = request.user
    apps, passkeys = second_factors(user)
    return render(
        request,
        "core/two_factor/overview.html",
        _("Two-factor sign-in"),
        apps=apps,
        passkeys=passkeys,
        codes_left=recovery_codes_left(user),
        required=must_use_two_factor(user),
        verified=is_verified(user),
    )


@never_cache
def verify(request):
    user = request.user
    if is_verified(user):
        return redirect(next_url(request))
    if not user_has_device(user):
        return redirect(with_next("two_factor:overview", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, wait_until = verify_code(user, form.cleaned_data["code"])
        if device is not None:
            request.session.cycle_key()  # a new session id for the stronger sign-in
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code: %(count)d is left. Set up a new "
                        "authenticator app or passkey under Two-factor sign-in.",
                        "You used a recovery code: %(count)d are left. Set up a new "
                        "authenticator app or passkey under Two-factor sign-in.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url(request))
        if wait_until is not None:
            seconds = max(1, math.ceil((wait_until - timezone.now()).total_seconds()))
            form.add_error(
                "code",
                ngettext(
                    "Too many wrong codes: wait %(seconds)d second, then try again.",
                    "Too many wrong codes: wait %(seconds)d seconds, then try again.",
                    seconds,
                )
                % {"seconds": seconds},
            )
        else:
            form.add_error(
                "code", _("That code is not right. Try the newest code, or a recovery code.")
            )
    apps, passkeys = second_factors(user)
    return render(
        request,
        "core/two_factor/verify.html",
        _("Confirm it is you"),
        form=form,
        has_app=bool(apps),
        has_passkey=bool(passkeys),
    )


def qr_code_svg(text):
    """`text` as a QR code in inline SVG, drawn here: no outside service sees the secret."""
    # Imported here: only setting up an app needs it, and every worker would carry
    # it (1.6 MB of the 150 MB a worker may use, issue 16).
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, border=2)
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r'width="[^"]*" height="[^"]*"', 'width="232" height="232"', svg, count=1)
    label = _("QR code for your authenticator app")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))  # noqa: S308


@never_cache
def add_authenticator(request):
    if response := verify_first(request):
        return response
    user = request.user
    key = request.session.get(NEW_KEY_SESSION_KEY) or default_key()
    request.session[NEW_KEY_SESSION_KEY] = key
    device = TOTPDevice(user=user, key=key, name=_("Authenticator app"), confirmed=True)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        if code.isdigit() and totp.verify(int(code), device.tolerance):
            device.last_t = totp.t()  # this code may not be used again
            device.drift = totp.drift
            device.save()
            del request.session[NEW_KEY_SESSION_KEY]
            if not is_verified(user):
                request.session.cycle_key()
                otp_login(request, device)
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(with_next("two_factor:recovery_codes", request))
        form.add_error("code", _("That code is not right. Try the newest code the app shows."))
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "core/two_factor/add_authenticator.html",
        _("Set up an authenticator app"),
        form=form,
        qr_code=qr_code_svg(device.config_url),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )


@never_cache
def add_passkey(request):
    if response := verify_first(request):
        return response
    return render(request, "core/two_factor/add_passkey.html", _("Add a passkey"))


@never_cache
def recovery_codes(request):
    """New codes are shown once: when the first second factor is set up, and when
    the user asks for new ones (which replaces the old)."""
    user = request.user
    if not is_verified(user):
        return redirect(with_next("two_factor:overview", request))
    has_codes = StaticDevice.objects.filter(user=user).exists()
    codes = None
    if request.method == "POST" or not has_codes:
        codes = new_recovery_codes(user)
    return render(
        request,
        "core/two_factor/recovery_codes.html",
        _("Recovery codes"),
        codes=codes,
        codes_left=recovery_codes_left(user),
    )


@never_cache
@require_POST
def remove(request):
    user = request.user
    if not is_verified(user):
        return redirect(with_next("two_factor:verify", request))
    device = next(
        (d for d in devices_for_user(user) if d.persistent_id == request.POST.get("device")),
        None,
    )
    if device is None or isinstance(device, StaticDevice):
        raise Http404
    device.delete()
    messages.success(request, _("“%(name)s” is removed.") % {"name": device.name})
    return redirect("two_factor:overview")
