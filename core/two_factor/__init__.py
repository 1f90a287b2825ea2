"""Two-factor sign-in for the admin: who must use it, and what verifies a session.

django-otp keeps the second factors ("devices") and marks a session verified by one
of them: an authenticator app (TOTP), a passkey (django-otp-webauthn) or a one-time
recovery code. Administrators and the groups in TWO_FACTOR_REQUIRED_GROUPS (those who
publish or see donors) must verify every sign-in; anyone else who has set up a second
factor must use it too. A session that a password alone opened reaches only these
pages in the admin (middleware.py), and counts as anonymous on the public site.
"""

from django.conf import settings
from django.db import transaction
from django_otp import user_has_device
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10


def must_use_two_factor(user):
    """Administrators, Moderators and Finance: their password alone opens nothing."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_GROUPS).exists()


def needs_verification(user):
    """Whether this user's session must be verified by a second factor."""
    return must_use_two_factor(user) or user_has_device(user)


def is_verified(user):
    """Whether a second factor verified this session (django-otp's middleware says)."""
    return user.is_authenticated and getattr(user, "is_verified", lambda: False)()


def verify_code(user, code):
    """The device that accepts `code`, and how long to wait when the device is throttled.

    Six digits are tried against the authenticator apps, anything else against the
    recovery codes (each works once). Every wrong try doubles the wait before the
    next one (django-otp's throttling), so codes cannot be guessed.
    """
    model = TOTPDevice if code.isdigit() else StaticDevice
    wait_until = None
    for device in model.objects.devices_for_user(user, confirmed=True):
        allowed, details = device.verify_is_allowed()
        if not allowed:
            locked_until = (details or {}).get("locked_until")
            wait_until = max(filter(None, [wait_until, locked_until]), default=None)
            continue
        verified = otp_verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified, None
    return None, wait_until


def new_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones, returned to be shown once."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": "Recovery codes", "confirmed": True}
        )
        device.token_set.all().delete()
        codes = []
        while len(codes) < RECOVERY_CODE_COUNT:
            code = StaticToken.random_token()
            if not code.isdigit() and code not in codes:  # digits alone read as an app's code
                codes.append(code)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_factors(user):
    """The authenticator apps and passkeys of a user, oldest first."""
    from django_otp_webauthn.models import WebAuthnCredential

    apps = TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk")
    passkeys = WebAuthnCredential.objects.devices_for_user(user, confirmed=True).order_by("pk")
    return list(apps), list(passkeys)


def remove_second_factors(user):
    """Remove every second factor of a user (an administrator's reset); returns how many."""
    from django_otp import devices_for_user

    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)
