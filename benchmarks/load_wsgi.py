"""The site's WSGI application plus one bare Django view, served by the same gunicorn for the load benchmark.

`/__bare__/` is answered by a Django handler with no middleware and a one-line view, so the load benchmark can
compare every real page with "Django and nothing else" on the same server in the same run. Everything else goes to
the real application (`drakentemmers.wsgi`) unchanged.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drakentemmers.settings")

from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.urls import path

from drakentemmers.wsgi import application as site_application

BARE_PATH = "/__bare__/"


def bare_view(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare_view)]


class BareHandler(WSGIHandler):
    """Django's WSGI handler with an empty middleware chain and this module as URLconf."""

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = self._get_response

    def get_response(self, request):
        request.urlconf = __name__
        return super().get_response(request)


bare_application = BareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == BARE_PATH:
        return bare_application(environ, start_response)
    return site_application(environ, start_response)
