"""The visitor's address, for the login limit and the contact form's hourly limit."""

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, unless the site runs behind proxies it trusts.

    Each of TRUSTED_PROXY_COUNT proxies appends the address it received the request
    from to X-Forwarded-For, so the visitor is that many entries from the end;
    anything before was written by the visitor and proves nothing. With no trusted
    proxy the header is ignored: otherwise anyone could pose as any address.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")
