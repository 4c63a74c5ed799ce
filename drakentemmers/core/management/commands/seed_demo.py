import importlib
import random

from django.db import transaction

from drakentemmers.core.management.demo import DemoCommand

# Apps seed in this order; later apps build on earlier ones. An app without a demo module is skipped.
DEMO_MODULES = [
    "drakentemmers.accounts.demo",
    "drakentemmers.directory.demo",
    "drakentemmers.matching.demo",
]
DEMO_SEED = 20260101


class Command(DemoCommand):
    help = "Create fictitious demo data in every role (deterministic, idempotent)."

    def handle(self, *args, **options) -> None:
        random.seed(DEMO_SEED)
        for module_path in DEMO_MODULES:
            try:
                module = importlib.import_module(module_path)
            except ModuleNotFoundError as exc:
                if not module_path.startswith(exc.name or "?"):
                    raise
                continue
            with transaction.atomic():
                module.seed()
            self.stdout.write(f"Seeded {module_path.rsplit('.', 2)[-2]}")
