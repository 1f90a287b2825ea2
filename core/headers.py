"""Response headers Django has no setting for, and the site's CSP built once."""

import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed


class PermissionsPolicyMiddleware:
    """Switch off browser features the site never uses (camera, location, payment ...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


@functools.cache
def site_policies():
    """(header, policy, excluded path prefixes) for the site's CSP and its report-only
    one, as django-csp builds them for a response that changes neither."""
    return [
        (header, build_policy(report_only=report_only), tuple(prefixes(setting)))
        for header, setting, report_only in (
            (HEADER, "CONTENT_SECURITY_POLICY", False),
            (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
        )
    ]


def prefixes(setting):
    return (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()


def settings_changed(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        site_policies.cache_clear()


setting_changed.connect(settings_changed, dispatch_uid="csp-site-policies")


class CSPMiddleware(LibraryCSPMiddleware):
    """django-csp, with the site's own policy built once instead of for every response.

    django-csp builds the policy string anew for every response, static files and
    cached pages included: about 30 µs, as much as the rest of a cached page's work
    in this process (issue 16). A response that brings its own changes (the Donate
    page's form-action, an exemption) or whose page used a nonce is left to django-csp.
    """

    def process_response(self, request, response):
        own_changes = any(name.startswith("_csp") for name in vars(response))
        if own_changes or getattr(request, "_csp_nonce", None) is not None:
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (404, 500):
            return response  # Django's debug pages, as django-csp leaves them
        for header, policy, excluded in site_policies():
            if policy and header not in response and not request.path_info.startswith(excluded):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
