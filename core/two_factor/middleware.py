"""A password alone opens only the two-factor pages of the admin."""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from . import is_verified, needs_verification

# What a session without its second factor may still open in the admin: the
# two-factor pages, the passkey ceremony, signing in again or out, and what every
# admin page loads (its icons and JavaScript translations).
OPEN_NAMESPACES = {"two_factor", "otp_webauthn"}
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: a signed-in user who must verify a second
    factor and has not is sent to verify it (or set one up) from every admin URL,
    for any method, and is treated as anonymous on the public site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or is_verified(user) or not needs_verification(user):
            return None
        admin_root = reverse("wagtailadmin_home")
        if not request.path.startswith(admin_root):
            request.user = AnonymousUser()
            return None
        match = request.resolver_match
        if match.namespace in OPEN_NAMESPACES or match.url_name in OPEN_VIEWS:
            return None
        target = "two_factor:verify" if user_has_device(user) else "two_factor:overview"
        next_url = request.get_full_path() if request.method == "GET" else admin_root
        return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
