# ruff: noqa: C408 - demo records read best as keyword lists
"""Demo content for the knowledge base: a handful of pages per type, written for the demo (fictitious
studies and tools; no copied text). Idempotent: a page whose slug exists is left alone."""

from datetime import date

from .models import (
    Audience,
    KnowledgeArticlePage,
    MethodPage,
    NewsItemPage,
    ResearchSummaryPage,
    Theme,
    ToolPage,
    Visibility,
)
from .selectors import knowledge_index
from .services import knowledge_site_ensure

THEMES = [
    ("kinderen", "Kinderen", "Children"),
    ("gehechtheid", "Gehechtheid", "Attachment"),
    ("volwassenen", "Volwassenen", "Adults"),
    ("opvang", "Behandeling in de opvang", "Treatment in the shelter"),
]


def _p(*paragraphs: str) -> list:
    return [("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))]


ARTICLES = [
    dict(
        slug="stabilisatie-in-de-opvang",
        title="Stabilisatie in de vrouwenopvang: wanneer begin je met traumabehandeling?",
        intro="Veel behandelaars wachten met traumabehandeling tot de situatie rustig is. Dat hoeft niet altijd.",
        body=_p(
            "In de opvang is de situatie zelden helemaal stabiel. Toch laat de praktijk zien dat behandeling van "
            "traumaklachten vaak al kan beginnen zodra er basale veiligheid is.",
            "Bespreek met de cliënt wat veilig genoeg is, leg afspraken met de opvang vast en plan korte sessies.",
        ),
        visibility=Visibility.PUBLIC,
        audience=Audience.THERAPISTS,
        themes=["opvang", "volwassenen"],
    ),
    dict(
        slug="signalen-bij-jonge-kinderen",
        title="Signalen van trauma bij jonge kinderen na huiselijk geweld",
        intro="Wat verwijzers zien bij kinderen van 0 tot 6 jaar en wanneer een behandeling op zijn plaats is.",
        body=_p(
            "Jonge kinderen laten trauma vaak zien in hun gedrag: slaapproblemen, driftbuien, terugval in de "
            "zindelijkheid of juist heel stil en aangepast gedrag.",
            "Behandeling van het kind gaat bij deze leeftijd samen met ondersteuning van de veilige ouder.",
        ),
        visibility=Visibility.PUBLIC,
        audience=Audience.PROFESSIONALS,
        themes=["kinderen", "gehechtheid"],
    ),
    dict(
        slug="casus-intervisie-loyaliteit",
        title="Uit de intervisie: loyaliteit van kinderen aan de pleger",
        intro="Een geanonimiseerde les uit de casuïstiekbespreking over loyaliteitsconflicten tijdens behandeling.",
        body=_p(
            "Kinderen kunnen tijdens de behandelingen terughoudend worden zodra het over de andere ouder gaat. "
            "Benoem de loyaliteit hardop en maak duidelijk dat het kind van beide ouders mag houden.",
        ),
        visibility=Visibility.MEMBERS,
        audience=Audience.THERAPISTS,
        themes=["kinderen"],
        source_note="Uit een casuïstiekbespreking, zonder de identiteit van de inbrenger.",
    ),
]

RESEARCH = [
    dict(
        slug="demo-onderzoek-traumagerichte-behandeling-kinderen",
        title="Traumagerichte behandeling bij kinderen na partnergeweld (demo-samenvatting)",
        intro="Een fictieve overzichtsstudie voor de demo: wat werkt bij kinderen die partnergeweld meemaakten?",
        authors="A. de Vries, B. Jansen (fictief)",
        year=2024,
        doi="10.0000/demo.2024.001",
        key_findings="<ul><li>Traumagerichte behandeling vermindert posttraumatische klachten.</li>"
        "<li>Betrokkenheid van de veilige ouder versterkt het effect.</li></ul>",
        implications="<p>Betrek de veilige ouder vanaf het begin van de behandeling.</p>",
        visibility=Visibility.PUBLIC,
        themes=["kinderen"],
    ),
    dict(
        slug="demo-onderzoek-gehechtheid-na-opvang",
        title="Gehechtheid na verblijf in de opvang (demo-samenvatting)",
        intro="Fictief cohortonderzoek naar de ouder-kindrelatie in het jaar na de vrouwenopvang.",
        authors="C. Bakker (fictief)",
        year=2023,
        key_findings="<p>De ouder-kindrelatie herstelt vaker met begeleiding direct na de opvang.</p>",
        implications="<p>Plan nazorg voordat het gezin de opvang verlaat.</p>",
        visibility=Visibility.MEMBERS,
        themes=["gehechtheid", "opvang"],
    ),
]

TOOLS = [
    dict(
        slug="veiligheidsplan-gesprekskaart",
        title="Gesprekskaart veiligheidsplan",
        intro="Een kaart om met een cliënt een veiligheidsplan door te spreken voor de behandeling start.",
        purpose="Samen met de cliënt vastleggen wat nodig is om veilig in behandeling te kunnen.",
        intended_for="Volwassenen in de opvang",
        licence="CC BY-NC 4.0",
        ghnt_tool=True,
        visibility=Visibility.PUBLIC,
        themes=["opvang", "volwassenen"],
    ),
    dict(
        slug="psycho-educatie-kinderen",
        title="Psycho-educatie voor kinderen: de draak in je buik",
        intro="Uitleg voor kinderen van 6 tot 12 jaar over wat trauma met je lijf en je gevoel doet.",
        purpose="Kinderen begrijpen hun klachten en weten wat er in de behandeling gaat gebeuren.",
        intended_for="Kinderen van 6-12 jaar",
        licence="Alleen voor leden",
        ghnt_tool=True,
        visibility=Visibility.MEMBERS,
        themes=["kinderen"],
    ),
]

METHODS = [
    dict(
        slug="emdr",
        title="EMDR",
        method="emdr",
        intro="Eye Movement Desensitization and Reprocessing: traumatische herinneringen verwerken.",
        what="<p>Een behandeling waarin de cliënt een herinnering ophaalt terwijl de aandacht wordt afgeleid.</p>",
        for_whom="<p>Kinderen en volwassenen met posttraumatische stressklachten.</p>",
        evidence="<p>Veel onderzocht bij volwassenen en kinderen; opgenomen in de richtlijnen.</p>",
        visibility=Visibility.PUBLIC,
        themes=["volwassenen", "kinderen"],
    ),
    dict(
        slug="tf-cbt",
        title="TF-CBT",
        method="tf-cbt",
        intro="Traumagerichte cognitieve gedragstherapie voor kinderen en jongeren, samen met de ouder.",
        what="<p>Een gestructureerde behandeling in fases, met psycho-educatie, ontspanning en een traumaverhaal.</p>",
        for_whom="<p>Kinderen en jongeren van 3 tot 18 jaar en hun niet-plegende ouder.</p>",
        evidence="<p>Sterk onderbouwd bij kinderen na misbruik en geweld.</p>",
        visibility=Visibility.PUBLIC,
        themes=["kinderen"],
    ),
]

NEWS = [
    dict(
        slug="nieuwe-regio-aangesloten",
        title="Weer een regio aangesloten bij het netwerk",
        intro="Behandelaars uit een nieuwe regio van Geweld hoort nergens thuis doen mee met Drakentemmers.",
        news_date=date(2026, 11, 2),
        visibility=Visibility.PUBLIC,
        themes=[],
    ),
    dict(
        slug="intervisiegroepen-voorjaar",
        title="Nieuwe intervisiegroepen in het voorjaar",
        intro="Leden kunnen zich aanmelden voor de nieuwe intervisiegroepen over complexe casuïstiek.",
        news_date=date(2026, 11, 20),
        visibility=Visibility.MEMBERS,
        themes=[],
    ),
]


# Demo files for the tools (plain text written for the demo): one public, one members-only.
DOCUMENTS = {
    "veiligheidsplan-gesprekskaart": (
        "Gesprekskaart veiligheidsplan (demo)",
        "gesprekskaart-veiligheidsplan-demo.txt",
        "Gesprekskaart veiligheidsplan (demo)\n\n1. Wat is nu veilig genoeg om te beginnen?\n"
        "2. Wie weet van de behandeling, en wie niet?\n3. Wat doe je als het tussen twee sessies misgaat?\n",
    ),
    "psycho-educatie-kinderen": (
        "De draak in je buik (demo)",
        "draak-in-je-buik-demo.txt",
        "De draak in je buik (demo, alleen voor leden)\n\nSoms schrikt je lijf nog van iets dat voorbij is. "
        "Dat is de draak in je buik. In de behandeling leer je hem te temmen.\n",
    ),
}


def _demo_document(slug: str):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    if slug not in DOCUMENTS:
        return None
    title, filename, text = DOCUMENTS[slug]
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    return existing or model.objects.create(title=title, file=ContentFile(text.encode(), name=filename))


def _add(index, model, data: dict) -> None:
    if index.get_children().filter(slug=data["slug"]).exists():
        return
    data = dict(data)  # the module's records stay whole for the next seed (tests seed more than once)
    themes = data.pop("themes", [])
    if model is ToolPage:
        data = {"document": _demo_document(data["slug"]), **data}
    page = model(**data)
    index.add_child(instance=page)
    page.themes.set(Theme.objects.filter(slug__in=themes))
    page.save_revision().publish()


def seed() -> None:
    from drakentemmers.directory.demo import vocabularies_ensure
    from drakentemmers.directory.models import Method

    vocabularies_ensure()
    knowledge_site_ensure()
    for slug, name, name_en in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en})
    index = knowledge_index()
    for data in ARTICLES:
        _add(index, KnowledgeArticlePage, {"audience": Audience.THERAPISTS, **data})
    for data in RESEARCH:
        _add(index, ResearchSummaryPage, {"audience": Audience.THERAPISTS, **data})
    for data in TOOLS:
        _add(index, ToolPage, {"audience": Audience.THERAPISTS, **data})
    methods = dict(Method.objects.values_list("slug", "pk"))
    for data in METHODS:
        fields = {key: value for key, value in data.items() if key != "method"}
        _add(index, MethodPage, {"audience": Audience.PUBLIC, **fields, "method_id": methods[data["method"]]})
    for data in NEWS:
        _add(index, NewsItemPage, {"audience": Audience.PUBLIC, **data})
