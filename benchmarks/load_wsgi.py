"""The site's WSGI application plus two reference views, served by the same gunicorn for the load benchmark.

`/__bare__/` is answered by a Django handler with no middleware and a one-line view, so the load benchmark can
compare every real page with "Django and nothing else" on the same server in the same run.

`/__floor__/` is what every logged-in page of the platform pays before its own work: the site's whole middleware
chain (session, user, MFA state, access log context, security headers) and `base.html` with the menu, rendered
around an empty content block for a logged-in user. It is not part of the site's URLconf; it is served through
the site's own middleware from this module's URLconf, which includes the site's URLs for the menu's links.

Everything else goes to the real application (`drakentemmers.wsgi`) unchanged.
"""

import functools
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drakentemmers.settings")

from django.contrib.auth.decorators import login_required
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from drakentemmers.wsgi import application as site_application

BARE_PATH = "/__bare__/"
FLOOR_PATH = "/__floor__/"
FLOOR_TEMPLATE = (
    '{% extends "base.html" %}{% block title %}Floor{% endblock %}{% block content %}<h1>Floor</h1>{% endblock %}'
)


def bare_view(request):
    return HttpResponse(b"ok", content_type="text/plain")


@functools.cache
def floor_template():
    return engines["django"].from_string(FLOOR_TEMPLATE)  # compiled once, as the cached loader keeps real ones


@login_required
def floor_view(request):
    return HttpResponse(floor_template().render({}, request))


urlpatterns = [
    path(BARE_PATH.strip("/") + "/", bare_view),
    path(FLOOR_PATH.strip("/") + "/", floor_view),
    path("", include("drakentemmers.urls")),
]


class FloorHandler(WSGIHandler):
    """Django's WSGI handler with the site's middleware and this module as URLconf."""

    def get_response(self, request):
        request.urlconf = __name__
        return super().get_response(request)


class BareHandler(FloorHandler):
    """The same with an empty middleware chain."""

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = self._get_response


bare_application = BareHandler()
floor_application = FloorHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == BARE_PATH:
        return bare_application(environ, start_response)
    if environ.get("PATH_INFO") == FLOOR_PATH:
        return floor_application(environ, start_response)
    return site_application(environ, start_response)
