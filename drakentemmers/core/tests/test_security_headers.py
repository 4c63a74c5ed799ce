"""Every page carries a strict Content-Security-Policy and the other security headers."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/account/login/", "/bestaat-niet/", "/health/", "/beheer/django/login/"])
def test_security_headers_are_present(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_logged_in_pages_have_them_too(client_for, therapist_user):
    response = client_for(therapist_user).get(reverse("core:my_home"))
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_pages_have_no_inline_scripts_or_styles(client_for, therapist_user):
    """The CSP forbids inline script and style, so the templates must not contain them."""
    for client, path in [(client_for(None), "/"), (client_for(therapist_user), reverse("core:my_home"))]:
        html = client.get(path).content.decode()
        assert "<script>" not in html and " style=" not in html and "<style" not in html
