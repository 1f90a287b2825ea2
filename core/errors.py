"""The 500 page, the 503 page when the database cannot be reached, and routes offered to no one."""

import sys

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

# How long a visitor's browser (or a CDN) should wait before trying again.
RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request):
    """Django calls this inside its exception handler, so the error is at hand.

    A database that went away is not a bug of ours: answer 503, which tells
    visitors and CDNs to come back shortly. Django's persistent connections are
    health-checked, so the next request reconnects by itself.
    """
    error = sys.exc_info()[1]
    unavailable = isinstance(error, (OperationalError, InterfaceError))
    # Rendered without a request context: no query, no context processor.
    html = render_to_string("503.html" if unavailable else "500.html")
    response = HttpResponse(html, status=503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def refused(request, **kwargs):
    """A route a library adds that this site offers to no one: 403 (a 404 would
    send the visitor on to the same path under /en/)."""
    raise PermissionDenied
