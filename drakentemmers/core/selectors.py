from django.db.models import Count

from drakentemmers.regions.models import Municipality, PostcodeArea, Region, RegionKind


def platform_public_numbers() -> dict:
    """Figures for the public home page. Apps that own members and matches extend this later."""
    regions = dict(Region.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return {
        "municipalities": Municipality.objects.filter(is_active=True).count(),
        "postcode_areas": PostcodeArea.objects.count(),
        "ghnt_regions": regions.get(RegionKind.GHNT, 0),
        "shelter_regions": regions.get(RegionKind.WOMENS_SHELTER, 0),
    }
