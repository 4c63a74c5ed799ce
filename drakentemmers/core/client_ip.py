"""The visitor's IP address, also behind a reverse proxy (for rate limits and the access log).

Behind a proxy REMOTE_ADDR is the proxy's own address, so every visitor would share one rate limit. With
TRUSTED_PROXY_COUNT = n (set by BEHIND_PROXY, or explicitly), the address is the n-th entry from the right of
X-Forwarded-For: the entries further left were written by the client and cannot be trusted.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-count] if len(forwarded) >= count else remote
