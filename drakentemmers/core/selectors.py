from django.db.models import Count

from drakentemmers.regions.models import Municipality, PostcodeArea, Region, RegionKind


def platform_public_numbers() -> dict[str, int]:
    """Figures for the public home page: verified members and organisations, and the regional coverage.

    Only verified profiles count, so a draft or rejected sign-up never inflates the public figures.
    Five queries, independent of the amount of data.
    """
    from drakentemmers.directory.models import Organisation, TherapistProfile, VerificationStatus

    regions = dict(Region.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return {
        "therapists": TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED).count(),
        "organisations": Organisation.objects.filter(status=VerificationStatus.VERIFIED).count(),
        "municipalities": Municipality.objects.filter(is_active=True).count(),
        "postcode_areas": PostcodeArea.objects.count(),
        "ghnt_regions": regions.get(RegionKind.GHNT, 0),
        "shelter_regions": regions.get(RegionKind.WOMENS_SHELTER, 0),
        "veilig_thuis_regions": regions.get(RegionKind.VEILIG_THUIS, 0),
    }
