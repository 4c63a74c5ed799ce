"""Decorations other apps add to the directory's result cards and profiles (quality's mark badge, knowledge's links
from a method to its method page), so that the directory's templates never load the higher apps' template tags.

A provider, registered from its app's `AppConfig.ready()`, gets the viewer, the profiles shown on one page and the
purpose (one of the constants below) and returns
{profile pk: Decoration} for the profiles it decorates. It runs once per page for all its profiles: at most one
query, never one per card.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

CARD = "card"  # a search result: badges only (the card lists its methods as plain text)
PROFILE = "profile"  # a full profile: badges and method links
PUBLIC = "public"  # a public mini-profile: badges (with their public check link) and method links
FACTS = "facts"  # the profile facts alone (verification, one's own profile): method links only


@dataclass
class Decoration:
    badges: list[SafeString] = field(default_factory=list)  # rendered HTML, shown next to the name
    method_urls: dict[int, str] = field(default_factory=dict)  # method pk -> URL of a page about that method

    def merge(self, other: "Decoration") -> None:
        self.badges.extend(other.badges)
        for method_id, url in other.method_urls.items():
            self.method_urls.setdefault(method_id, url)


@dataclass(frozen=True)
class MethodLink:
    method: object
    url: str = ""

    def __str__(self) -> str:
        return str(self.method)


@dataclass
class ProfileDecorations:
    badges: list[SafeString]
    methods: list[MethodLink]  # the profile's methods (in their order), each with its page's URL if any


Provider = Callable[[object, list, str], dict[int, Decoration]]
Audience = Callable[[object], str]
_PROVIDERS: dict[str, Provider] = {}
_AUDIENCES: dict[str, Audience] = {}


def register(name: str, provider: Provider, *, card_audience: Audience | None = None) -> None:
    """`card_audience(viewer)` names what of the viewer the provider's CARD decorations depend on (e.g. "member"),
    because rendered cards are shared by every viewer with the same audiences (`directory.search_cards`); a
    provider without one must decorate cards the same for every viewer."""
    _PROVIDERS[name] = provider
    if card_audience is not None:
        _AUDIENCES[name] = card_audience
    else:
        _AUDIENCES.pop(name, None)


def card_audience(viewer) -> str:
    """The viewer's audiences for the card decorations: viewers with the same one see the same cards."""
    return ",".join(f"{name}={audience(viewer)}" for name, audience in sorted(_AUDIENCES.items())) or "-"


def decorate(*, viewer, profiles: Iterable, purpose: str) -> dict[int, ProfileDecorations]:
    """Decorate these profiles for this viewer: sets `profile.decorations` on each and returns them by pk.

    One call per page (all providers, each with every profile); the methods are read from `profile.methods.all()`
    (prefetch them for a list).
    """
    profiles = [profile for profile in profiles if profile is not None]
    merged: dict[int, Decoration] = {profile.pk: Decoration() for profile in profiles}
    if profiles:
        for provider in _PROVIDERS.values():
            for pk, decoration in provider(viewer, profiles, purpose).items():
                if pk in merged:
                    merged[pk].merge(decoration)
    result = {}
    for profile in profiles:
        decoration = merged[profile.pk]
        methods = (
            [MethodLink(m, decoration.method_urls.get(m.pk, "")) for m in profile.methods.all()]
            if purpose != CARD
            else []
        )
        profile.decorations = result[profile.pk] = ProfileDecorations(badges=decoration.badges, methods=methods)
    return result


def profile_methods(profile) -> list:
    """The profile's methods for a template: decorated ones (linked) if the page decorated them."""
    decorations = getattr(profile, "decorations", None)
    return decorations.methods if decorations is not None else list(profile.methods.all())
