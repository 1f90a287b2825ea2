"""The admin's two-factor pages (core/two_factor) and their place in the account menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from core.two_factor import urls as two_factor_urls


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        # The passkey ceremony's JSON endpoints, namespace "otp_webauthn".
        path("two-factor/passkeys/", include("django_otp_webauthn.urls")),
        path("two-factor/", include(two_factor_urls)),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("two_factor:overview"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Confirm each sign-in with an authenticator app or a passkey."),
    }
