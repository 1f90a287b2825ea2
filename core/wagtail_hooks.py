"""The admin's two-factor pages (core/two_factor) and their place in the account menu;
who may see an upload (core/uploads.py) and move a page."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from core.two_factor import urls as two_factor_urls

from .uploads import refuse_documents_no_public_page_shows


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


hooks.register("before_serve_document", refuse_documents_no_public_page_shows)


def refuse_the_root_to_all_but_administrators(request, parent):
    """Editors' and Moderators' rights sit on the tree's root (Wagtail's default), but
    a page there is a new site's home: only administrators make one."""
    if parent.is_root() and not request.user.is_superuser:
        raise PermissionDenied


@hooks.register("before_create_page")
def create_under_the_root_only_as_administrator(request, parent_page, page_class):
    refuse_the_root_to_all_but_administrators(request, parent_page)


@hooks.register("before_move_page")
def refuse_moves_the_user_may_not_make(request, page, destination):
    """Wagtail checks a move when it is made, but shows its confirmation page, with
    the titles of both pages, to anyone in the admin who asks for it."""
    refuse_the_root_to_all_but_administrators(request, destination)
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
