import random

from django.db import transaction

from drakentemmers.core.management.demo import DemoCommand
from drakentemmers.core.registries import demo_seeders

# Apps register their seeder in AppConfig.ready() (core.registries), with an order: later ones build on earlier.
DEMO_SEED = 20260101


class Command(DemoCommand):
    help = "Create fictitious demo data in every role (deterministic, idempotent)."

    def handle(self, *args, **options) -> None:
        random.seed(DEMO_SEED)
        for seeder in demo_seeders():
            with transaction.atomic():
                seeder.seed()
            self.stdout.write(f"Seeded {seeder.name}")
