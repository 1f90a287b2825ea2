"""The visitor's address, for the login limit and the contact form's hourly limit."""

import ipaddress

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, unless the site runs behind proxies it trusts; None if unknown.

    Each of TRUSTED_PROXY_COUNT proxies appends the address it received the request
    from to X-Forwarded-For, so the visitor is that many entries from the end;
    anything before was written by the visitor and proves nothing. With no trusted
    proxy the header is ignored: otherwise anyone could pose as any address. What is
    not an IP address is never returned (django-axes stores it in an inet column).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    candidates = [request.META.get("REMOTE_ADDR")]
    if proxies and len(forwarded) >= proxies:
        candidates.insert(0, forwarded[-proxies])
    for candidate in candidates:
        if candidate and is_ip_address(candidate):
            return candidate
    return None


def is_ip_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
