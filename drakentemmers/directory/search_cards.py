"""The search page's result cards, rendered once for everyone who asks the same query (issue 17).

A page of results is the same for every visitor with the same query (`selectors.search_key`: a therapist's own
profile is left out of their colleague search), so the ranking is cached already. Reading the twenty profiles
back, their lists, the reasons, the quality badges and rendering twenty cards still cost most of the page. Here
the rendered cards are cached with the ranking's rules: the public pages' data version (a change to a profile,
its lists, its work locations, a vocabulary, a region or a quality mark makes new cards) and at most
PUBLIC_PAGE_CACHE_SECONDS (which bounds how long a card keeps "availability confirmed" fresh or a mark that ran
out at midnight), per language, and per audience of the card decorations (`result_decorations.card_audience`:
members of the colleague network see a supervision badge, others do not).

The viewer's own part of a card, the actions other apps offer on it (matching's "invite for a care request",
with the viewer's open requests), is not cached: the card template stops where the actions go and leaves the
article open, and the page puts this viewer's actions in and closes it.
"""

from dataclasses import dataclass

from django.core.paginator import Page
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from drakentemmers.core import public_cache

from . import result_decorations, selectors

CARD_TEMPLATE = "components/therapist_card.html"  # open at its end: search_results.html closes it


@dataclass(frozen=True)
class RenderedCard:
    pk: int
    display_name: str  # for the actions' labels ("Invite … for")
    html: SafeString  # the card up to where the viewer's actions go


@dataclass
class CardsPage:
    """What the results region shows: the page (number, total, pages) and its rendered cards."""

    page: Page
    criteria: selectors.SearchCriteria
    cards: list[RenderedCard]

    @property
    def count(self) -> int:
        return self.page.paginator.count


def _render_cards(viewer, search: selectors.SearchPage) -> list[RenderedCard]:
    profiles = [result.therapist for result in search.results]
    result_decorations.decorate(viewer=viewer, profiles=profiles, purpose=result_decorations.CARD)
    labels = selectors.card_labels()
    return [
        RenderedCard(
            pk=result.therapist.pk,
            display_name=result.therapist.display_name,
            html=render_to_string(CARD_TEMPLATE, {"result": result, "labels": labels}),
        )
        for result in search.results
    ]


def search_cards(*, viewer, criteria: selectors.SearchCriteria) -> CardsPage:
    """One page of results as rendered cards, shared by every visitor with the same query and language."""

    def build():
        search = selectors.therapist_search(viewer=viewer, criteria=criteria)
        return search.page.number, search.count, _render_cards(viewer, search)

    audience = result_decorations.card_audience(viewer)
    key = f"search-cards:{selectors.search_key(viewer=viewer, criteria=criteria)}:{audience}:{get_language()}"
    number, total, cards = public_cache.cached_data(key, build)
    return CardsPage(page=selectors.counted_page(cards, number, total), criteria=criteria, cards=cards)
