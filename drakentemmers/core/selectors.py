import datetime

from django.db.models import Count, Q, QuerySet

from drakentemmers.regions.models import Municipality, PostcodeArea, Region, RegionKind

from .models import AccessLogEntry


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


def access_log_query(
    *,
    user: str = "",
    object_type: str = "",
    object_id: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AccessLogEntry]:
    """Access-log rows for a NEN 7513 question, newest first: by user (id, or part of the label at the
    time), by object (type and id) and by period (inclusive dates). Filters on indexed columns only,
    except the label search."""
    qs = AccessLogEntry.objects.all()
    if user:
        qs = qs.filter(Q(user_id=int(user)) if user.isdigit() else Q(user_label__icontains=user))
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if since:
        qs = qs.filter(created_at__date__gte=since)
    if until:
        qs = qs.filter(created_at__date__lte=until)
    return qs.order_by("-created_at", "-pk")
