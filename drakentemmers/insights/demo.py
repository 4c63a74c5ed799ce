"""Demo bottlenecks and good practices (fictitious texts, no PII) in real regions, with endorsements and comments.

Runs after directory.demo (the therapists). Idempotent: a report is recognised by its description.
"""

from datetime import timedelta

from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.regions.models import Region, RegionKind

from . import services
from .models import Report, ReportKind, ReportStatus, SubmitterRole, TargetGroup, Theme

DEMO_SPREAD_DAYS = 34

# (kind, theme, target group, Veilig Thuis region codes, submitter role, description, effect, action,
#  public, endorsements)
PLAN = [
    (
        ReportKind.BOTTLENECK,
        Theme.WAITING_TIMES,
        TargetGroup.CHILDREN,
        ["VT01", "VT22"],
        SubmitterRole.THERAPIST,
        "Kinderen die in de opvang verblijven wachten gemiddeld vier maanden op traumabehandeling.",
        "De behandeling begint vaak pas na vertrek uit de opvang, als de draad weer is losgelaten.",
        "Reserveer per regio behandelplekken voor kinderen in de opvang.",
        True,
        37,
    ),
    (
        ReportKind.BOTTLENECK,
        Theme.FUNDING,
        TargetGroup.ADULTS,
        ["VT20", "VT07"],
        SubmitterRole.ORG_STAFF,
        "Voor volwassenen in de maatschappelijke opvang zonder vaste woonplaats is de financiering van "
        "GGZ-behandeling onduidelijk.",
        "Behandelaren weigeren aanmeldingen omdat niemand de rekening betaalt.",
        "Maak een landelijke afspraak over financiering via de centrumgemeente.",
        False,
        18,
    ),
    (
        ReportKind.BOTTLENECK,
        Theme.AVAILABILITY,
        TargetGroup.PERPETRATORS,
        ["VT08", "VT04", "VT02"],
        SubmitterRole.COORDINATOR,
        "Er zijn in het noorden nauwelijks behandelaren die plegers van huiselijk geweld traumabehandeling bieden.",
        "Plegers krijgen alleen gedragsinterventies, terwijl hun eigen trauma onbehandeld blijft.",
        "Train meer behandelaren in plegerbehandeling en bied intervisie.",
        False,
        12,
    ),
    (
        ReportKind.BOTTLENECK,
        Theme.ACCESSIBILITY,
        TargetGroup.VICTIMS,
        ["VT23"],
        SubmitterRole.EXPERT_BY_EXPERIENCE,
        "Ik moest drie keer mijn verhaal doen bij verschillende instanties voordat ik bij een behandelaar kwam.",
        "Elke keer opnieuw vertellen voelde als opnieuw meemaken.",
        "Eén vast aanspreekpunt dat het verhaal met toestemming doorgeeft.",
        False,
        22,
    ),
    (
        ReportKind.BOTTLENECK,
        Theme.COOPERATION,
        TargetGroup.FAMILIES,
        ["VT18"],
        SubmitterRole.THERAPIST,
        "Het MDA++-team en de behandelaar krijgen moeilijk een gezamenlijk overleg gepland.",
        "Besluiten over het gezin worden genomen zonder het perspectief van de behandeling.",
        "Plan het overleg standaard in bij de start van de behandeling.",
        False,
        9,
    ),
    (
        ReportKind.BOTTLENECK,
        Theme.NEED,
        TargetGroup.CHILDREN,
        ["VT25", "VT13"],
        SubmitterRole.THERAPIST,
        "Jonge kinderen (0-4 jaar) na huiselijk geweld worden zelden aangemeld voor behandeling.",
        "Hechtingsproblemen worden pas jaren later zichtbaar.",
        "Meer aandacht voor de allerjongsten in de screening door Veilig Thuis.",
        False,
        5,
    ),
    (
        ReportKind.GOOD_PRACTICE,
        Theme.AVAILABILITY,
        TargetGroup.CHILDREN,
        ["VT10"],
        SubmitterRole.THERAPIST,
        "Een behandelaar houdt wekelijks spreekuur in de vrouwenopvang; kinderen starten binnen twee weken.",
        "Kinderen en moeders krijgen snel hulp op een vertrouwde plek.",
        "Breid dit model uit naar andere opvanglocaties.",
        True,
        15,
    ),
    (
        ReportKind.GOOD_PRACTICE,
        Theme.EFFECTIVENESS,
        TargetGroup.ADULTS,
        ["VT27"],
        SubmitterRole.ORG_STAFF,
        "Korte intensieve EMDR-behandeling tijdens het verblijf in de opvang werkt goed bij volwassenen.",
        "Minder uitval dan bij een reguliere behandeling na vertrek.",
        "Deel het protocol via de kennisbank.",
        False,
        11,
    ),
    (
        ReportKind.GOOD_PRACTICE,
        Theme.COOPERATION,
        TargetGroup.FAMILIES,
        ["VT19"],
        SubmitterRole.COORDINATOR,
        "In de regio is een vaste verwijsroute afgesproken tussen Veilig Thuis, de wijkteams en de GGZ.",
        "Gezinnen komen sneller en gerichter bij de juiste behandelaar.",
        "Gebruik de afspraken als voorbeeld voor andere regio's.",
        False,
        7,
    ),
    (
        ReportKind.BOTTLENECK,
        Theme.OTHER,
        TargetGroup.PROFESSIONALS,
        [],
        SubmitterRole.EXPERT_BY_EXPERIENCE,
        "Hulpverleners in de opvang weten vaak niet wat traumabehandeling inhoudt.",
        "Ze verwijzen niet door, of stellen verkeerde verwachtingen.",
        "Traumasensitieve training voor alle opvangmedewerkers.",
        False,
        0,
    ),
]
PENDING = [
    (
        ReportKind.BOTTLENECK,
        Theme.WAITING_TIMES,
        TargetGroup.ADULTS,
        ["VT09"],
        SubmitterRole.OTHER,
        "De wachtlijst voor traumabehandeling voor volwassenen is in onze regio meer dan een half jaar.",
        "",
        "",
    ),
]


def _regions_by_code() -> dict[str, Region]:
    # Veilig Thuis regions: the default reporting division, and a real division whatever is chosen later.
    return {r.code: r for r in Region.objects.filter(kind=RegionKind.VEILIG_THUIS)}


def seed() -> None:
    from django.contrib.auth import get_user_model

    from drakentemmers.accounts.demo import demo_email

    regions = _regions_by_code()
    moderator = get_user_model().objects.filter(email=demo_email("verificatie")).first()
    therapists = list(
        TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED, user__role_grants__role=Role.THERAPIST)
        .select_related("user")
        .order_by("pk")[:60]
    )
    now = timezone.now()
    for index, (kind, theme, group, names, role, description, effect, action, public, endorsements) in enumerate(PLAN):
        if Report.objects.filter(description=description).exists():
            continue
        report = services.report_submit(
            data={
                "kind": kind,
                "theme": theme,
                "target_group": group,
                "description": description,
                "effect": effect,
                "suggested_action": action,
                "regions": [regions[n] for n in names if n in regions],
            },
            submitter_role=role,
        )
        services.report_accept(report=report, by=moderator, public=public)
        # Spread over the past year, so the policy report's trend has something to show.
        submitted = now - timedelta(days=12 + DEMO_SPREAD_DAYS * index)
        Report.objects.filter(pk=report.pk).update(created_at=submitted, moderated_at=submitted + timedelta(days=2))
        for profile in therapists[:endorsements]:
            services.endorsement_set(report=report, user=profile.user, endorsed=True)
        if endorsements and therapists:
            services.comment_add(
                report=report, author=therapists[0].user, body="Dit zien wij in onze praktijk ook, vooral bij kinderen."
            )
    for kind, theme, group, names, role, description, effect, action in PENDING:
        if not Report.objects.filter(description=description).exists():
            services.report_submit(
                data={
                    "kind": kind,
                    "theme": theme,
                    "target_group": group,
                    "description": description,
                    "effect": effect,
                    "suggested_action": action,
                    "regions": [regions[n] for n in names if n in regions],
                },
                submitter_role=role,
            )
    assert Report.objects.filter(status=ReportStatus.ACCEPTED).exists()
