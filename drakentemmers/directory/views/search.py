"""Search ("Vind een Drakentemmer") and the public network figures."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.public_cache import cache_public_page

from .. import search_actions, search_cards, selectors
from ..forms_search import TherapistSearchForm
from ..permissions import can_find_therapists, can_search_therapists
from .not_verified import not_yet_verified_page


@require_GET
@mfa_required
def therapist_search(request: HttpRequest) -> HttpResponse:
    # Full search for organisations, coordinators and the platform team; the colleague network for therapists.
    if not can_find_therapists(request.user):
        if waiting := not_yet_verified_page(request):
            return waiting
        raise PermissionDenied
    form = TherapistSearchForm(request.GET)
    search = None
    if form.is_valid():
        # Rendered cards shared by everyone with this query; this viewer's actions are put in each card.
        search = search_cards.search_cards(
            viewer=request.user, criteria=form.to_criteria(page=request.GET.get("page", 1))
        )
    actions = search_actions.actions_for(request.user) if search and search.cards else []
    query = request.GET.urlencode()
    context = {
        "form": form,
        "search": search,
        "is_colleague_view": not can_search_therapists(request.user),
        # Each shared card with this viewer's actions on it (the card template leaves its article open for them).
        "results": [
            (card, search_actions.card_actions_html(actions, card, query)) for card in (search.cards if search else [])
        ],
    }
    # htmx swaps only the results region; a history restore needs the whole page again.
    partial = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    template = "directory/search_results.html" if partial else "directory/search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@cache_public_page(params=("page",))
def public_network(request: HttpRequest) -> HttpResponse:
    network = selectors.public_network(page=request.GET.get("page", 1))
    return render(request, "directory/search_public.html", {"network": network})
