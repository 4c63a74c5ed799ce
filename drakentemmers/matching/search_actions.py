"""Matching's action on a directory search result: invite the therapist for one of the organisation's open requests."""

from django.urls import reverse
from django.utils.html import format_html_join

from drakentemmers.directory.search_actions import SearchResultAction

from . import selectors
from .permissions import staff_organisations

# More open requests than this at once is rare; the select lists the newest.
MAX_REQUESTS_LISTED = 50


def invite_for_request(user) -> SearchResultAction | None:
    organisations = staff_organisations(user)
    if not organisations:
        return None
    open_requests = list(selectors.open_requests_of(organisations).only("pk", "title")[:MAX_REQUESTS_LISTED])
    if not open_requests:
        return None
    # Built once per page, not once per result card: the form's address and the requests' options.
    options = format_html_join("", '<option value="{}">{}</option>', ((r.pk, r.title) for r in open_requests))
    return SearchResultAction(
        template="matching/includes/invite_from_search.html",
        context={"open_requests": open_requests, "url": reverse("matching:invite_from_search"), "options": options},
    )
