"""Registries the domain apps fill in their AppConfig.ready(), so that core never imports them.

- home figures: each app adds the counts it owns to the public home page (`home_figures_register`);
- demo seeders: `manage.py seed_demo` runs each registered seeder in `order`, each in its own transaction.

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
