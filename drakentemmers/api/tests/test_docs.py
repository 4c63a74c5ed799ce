"""The documentation at /api/docs: Swagger UI from the app's own static files, never a CDN."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_docs_page_serves_its_assets_itself(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert all(s.startswith("/static/") for s in sources), sources
    assert "cdn" not in html.lower() and "/api/v1/openapi.json" in html


def test_docs_page_has_the_sites_strict_policy(client, settings):
    policy = client.get("/api/docs")["Content-Security-Policy"]
    assert policy == settings.CONTENT_SECURITY_POLICY
    assert "unsafe" not in policy and "http" not in policy


def test_static_assets_exist():
    from django.contrib.staticfiles import finders

    for name in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "ninja/swagger-ui-init.js"):
        assert finders.find(name), name
