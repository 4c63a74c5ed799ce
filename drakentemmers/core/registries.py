"""Registries the domain apps fill in their AppConfig.ready(), so that core never imports them.

- home figures: each app adds the counts it owns to the public home page (`home_figures_register`);
- demo seeders: `manage.py seed_demo` runs each registered seeder in `order`, each in its own transaction;
- "My Drakentemmers" panels: a block an app adds to the logged-in home page for the users it concerns
  (`my_home_panel_register`), e.g. the training suggested from the gaps in a therapist's profile.
- content pages: an app that lets editors write the content pages (about, privacy...) provides their text
  (`content_page_provider_register`); without one, or without text for a page, its template is shown.

Navigation has its own registry (core.navigation); GDPR export and erasure live in accounts.personal_data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class DemoSeeder:
    name: str
    path: str  # dotted path of a function without arguments; imported only when seeding (demo code is heavy)
    order: int  # later seeders build on the data of earlier ones

    def seed(self) -> None:
        import_string(self.path)()


_HOME_FIGURES: dict[str, Callable[[], dict[str, int]]] = {}
_DEMO_SEEDERS: dict[str, DemoSeeder] = {}
# (page key, language) -> {"title": str, "body": safe HTML} or None; one bounded query.
ContentPageProvider = Callable[[str, str], dict | None]
_CONTENT_PAGE_PROVIDERS: list[ContentPageProvider] = []


def home_figures_register(name: str, figures: Callable[[], dict[str, int]]) -> None:
    """`figures()` returns named counts for the home page (e.g. {"therapists": 312}); a fixed number of queries."""
    _HOME_FIGURES[name] = figures


def home_figures() -> dict[str, int]:
    numbers: dict[str, int] = {}
    for figures in _HOME_FIGURES.values():
        numbers.update(figures())
    return numbers


def demo_seeder_register(name: str, path: str, *, order: int) -> None:
    _DEMO_SEEDERS[name] = DemoSeeder(name=name, path=path, order=order)


def demo_seeders() -> list[DemoSeeder]:
    return sorted(_DEMO_SEEDERS.values(), key=lambda seeder: (seeder.order, seeder.name))


@dataclass(frozen=True)
class MyHomePanel:
    name: str
    template: str  # included `with data=... only`
    data: str  # dotted path of a function (user) -> object or None; None shows nothing. A bounded query.
    order: int = 100


_MY_HOME_PANELS: dict[str, MyHomePanel] = {}


def my_home_panel_register(name: str, *, template: str, data: str, order: int = 100) -> None:
    _MY_HOME_PANELS[name] = MyHomePanel(name=name, template=template, data=data, order=order)


def my_home_panels(user) -> list[dict]:
    """The panels with something to show for `user`, in order: [{"template": ..., "data": ...}]."""
    panels = []
    for panel in sorted(_MY_HOME_PANELS.values(), key=lambda panel: (panel.order, panel.name)):
        data = import_string(panel.data)(user)
        if data:
            panels.append({"template": panel.template, "data": data})
    return panels


def content_page_provider_register(provider: ContentPageProvider) -> None:
    if provider not in _CONTENT_PAGE_PROVIDERS:
        _CONTENT_PAGE_PROVIDERS.append(provider)


def content_page_for(key: str, language: str) -> dict | None:
    """The editors' text of a content page (e.g. "about") in `language`, or None: show the template."""
    for provider in _CONTENT_PAGE_PROVIDERS:
        content = provider(key, language)
        if content:
            return content
    return None
