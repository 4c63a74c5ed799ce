"""Matching's action on a directory search result: invite the therapist for one of the organisation's open requests.

The form is built in Python, once per card with what the page's cards share built once per page (the address,
the open requests' options): a template included per card cost a third of the search page.
"""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from drakentemmers.core.html import translated_html
from drakentemmers.directory.search_actions import SearchResultAction

from . import selectors
from .permissions import staff_organisations

# More open requests than this at once is rare; the select lists the newest.
MAX_REQUESTS_LISTED = 50

_FORM_START = (
    '<form class="dt-therapist-card__invite" method="get" action="{}">\n'
    '  <input type="hidden" name="therapist" value="{}">\n'
    '  <input type="hidden" name="zoekopdracht" value="{}">\n'
)
_BUTTON = '  <button class="dt-button dt-button--secondary" type="submit">{}</button>\n</form>'


def invite_for_request(user) -> SearchResultAction | None:
    organisations = staff_organisations(user)
    if not organisations:
        return None
    open_requests = list(selectors.open_requests_of(organisations).only("pk", "title")[:MAX_REQUESTS_LISTED])
    if not open_requests:
        return None
    url = reverse("matching:invite_from_search")
    if len(open_requests) == 1:
        (only,) = open_requests

        def render(therapist, search_query: str):
            label = translated_html(
                gettext("Invite %(name)s for “%(title)s”"), name=therapist.display_name, title=only.title
            )
            return format_html(
                _FORM_START + '  <input type="hidden" name="care_request" value="{}">\n' + _BUTTON,
                url,
                therapist.pk,
                search_query,
                only.pk,
                label,
            )

        return SearchResultAction(render=render)

    options = format_html_join("", '<option value="{}">{}</option>', ((r.pk, r.title) for r in open_requests))

    def render_choice(therapist, search_query: str):
        return format_html(
            _FORM_START
            + '  <label for="invite-{}">{}</label>\n'
            + '  <select id="invite-{}" name="care_request">{}</select>\n'
            + _BUTTON,
            url,
            therapist.pk,
            search_query,
            therapist.pk,
            translated_html(gettext("Invite %(name)s for"), name=therapist.display_name),
            therapist.pk,
            options,
            translated_html(gettext("Invite %(name)s"), name=therapist.display_name),
        )

    return SearchResultAction(render=render_choice)
