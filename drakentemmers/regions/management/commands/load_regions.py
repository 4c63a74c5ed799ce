from django.core.management.base import BaseCommand

from drakentemmers.regions.services import DEFAULT_YEAR, regions_load


class Command(BaseCommand):
    help = "Load provinces, municipalities, postcode-4 areas and regions from the shipped open data (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, default=DEFAULT_YEAR)

    def handle(self, *args, year: int, **options) -> None:
        report = regions_load(year=year)
        regions = ", ".join(f"{kind}: {count}" for kind, count in report.regions.items())
        self.stdout.write(
            f"Loaded {report.provinces} provinces, {report.municipalities} municipalities, "
            f"{report.postcode_areas} postcode areas; regions: {regions}"
        )
        for kind in report.maintained:
            self.stdout.write(f"Left alone, maintained by the platform team through imports: {kind}")
        for name in report.missing_files:
            self.stderr.write(f"Missing data file, regions not loaded: {name}")
