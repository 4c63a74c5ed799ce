"""What each page type shows (its own fields), related items on the page, English pages at their URL, the feeds'
entries and the demo content per type."""

import re
from datetime import date

import pytest
from django.urls import reverse

from drakentemmers.directory.tests.factories import method
from drakentemmers.knowledge.models import (
    KNOWLEDGE_PAGE_MODELS,
    KnowledgeArticlePage,
    KnowledgePage,
    MethodPage,
    NewsItemPage,
    ResearchSummaryPage,
    Theme,
    ToolPage,
)

from .factories import document, publish

pytestmark = pytest.mark.django_db


def test_research_summary_shows_authors_year_doi_source_findings_and_implications(client):
    page = publish(
        ResearchSummaryPage,
        title="Slaap na partnergeweld",
        authors="J. Onderzoeker, K. Tweede",
        year=2025,
        doi="10.1002/jts.22000",
        source_url="https://example.org/studie",
        key_findings="<p>Kinderen slapen slechter.</p>",
        implications="<p>Vraag naar slaap in de intake.</p>",
    )
    html = client.get(page.url).content.decode()
    for text in (
        "J. Onderzoeker, K. Tweede",
        ">2025<",
        'href="https://doi.org/10.1002/jts.22000"',
        'href="https://example.org/studie"',
        "Kinderen slapen slechter.",
        "Vraag naar slaap in de intake.",
    ):
        assert text in html, text


def test_tool_shows_purpose_audience_file_link_and_licence(client):
    file = document("gesprekskaart.pdf")
    page = publish(
        ToolPage,
        title="Gesprekskaart",
        purpose="Een veiligheidsplan doorspreken.",
        intended_for="Volwassenen in de opvang",
        document=file,
        link="https://example.org/tool",
        licence="CC BY-NC 4.0",
        ghnt_tool=True,
    )
    html = client.get(page.url).content.decode()
    for text in (
        "Een veiligheidsplan doorspreken.",
        "Volwassenen in de opvang",
        f'href="{file.url}"',
        'href="https://example.org/tool"',
        "CC BY-NC 4.0",
        "Geweld hoort nergens thuis",
    ):
        assert text in html, text


def test_a_tool_needs_its_file_or_a_link():
    from django.core.exceptions import ValidationError

    tool = ToolPage(title="Leeg hulpmiddel", slug="leeg", purpose="Doel", intended_for="Volwassenen")
    with pytest.raises(ValidationError) as refused:
        tool.clean()
    assert set(refused.value.message_dict) == {"document", "link"}
    tool.link = "https://example.org/tool"
    tool.clean()


def test_method_page_shows_what_for_whom_and_evidence(client):
    page = publish(
        MethodPage,
        title="TF-CBT",
        method=method("tf-cbt"),
        what="<p>Een behandeling in fases.</p>",
        for_whom="<p>Kinderen van 3 tot 18 jaar.</p>",
        evidence="<p>Sterk onderbouwd.</p>",
    )
    html = client.get(page.url).content.decode()
    for text in ("Een behandeling in fases.", "Kinderen van 3 tot 18 jaar.", "Sterk onderbouwd."):
        assert text in html, text


def test_news_item_shows_its_date_in_dutch(client):
    page = publish(NewsItemPage, title="Nieuwe regio", news_date=date(2026, 12, 1))
    assert "1 dec. 2026" in client.get(page.url).content.decode()


def test_article_shows_its_body_and_source_note(client):
    page = publish(
        KnowledgeArticlePage,
        title="Loyaliteit",
        body=[("heading", "Wat je ziet"), ("paragraph", "<p>Kinderen zwijgen over de andere ouder.</p>")],
        source_note="Uit de casuïstiek, zonder de inbrenger.",
    )
    html = client.get(page.url).content.decode()
    assert "Wat je ziet" in html and "Kinderen zwijgen" in html and "zonder de inbrenger" in html


def test_a_page_shows_related_items_sharing_its_theme(client):
    theme = Theme.objects.create(name="Slaap", slug="slaap")
    first = publish(KnowledgeArticlePage, title="Eerste over slaap")
    second = publish(KnowledgeArticlePage, title="Tweede over slaap")
    for page in (first, second):
        page.themes.set([theme])
        page.save_revision().publish()
    html = client.get(first.url).content.decode()
    assert 'id="related-heading"' in html and f'href="{second.url}"' in html


def test_list_filters_by_theme_audience_and_type_without_a_query(client):
    theme = Theme.objects.create(name="Kinderen", slug="kinderen")
    research = publish(ResearchSummaryPage, title="Onderzoek kinderen", audience="professionals")
    research.themes.set([theme])
    research.save_revision().publish()
    publish(KnowledgeArticlePage, title="Artikel volwassenen", audience="public")
    url = reverse("knowledge:search")
    for query, shown, hidden in (
        ("?type=onderzoek", "Onderzoek kinderen", "Artikel volwassenen"),
        ("?thema=kinderen", "Onderzoek kinderen", "Artikel volwassenen"),
        ("?doelgroep=public", "Artikel volwassenen", "Onderzoek kinderen"),
    ):
        html = client.get(url + query).content.decode()
        assert shown in html and hidden not in html, query


def test_an_english_translation_is_served_in_english_at_the_same_path(client):
    from wagtail.models import Locale

    dutch = publish(KnowledgeArticlePage, title="Over stabilisatie", slug="stabilisatie")
    english = dutch.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "About stabilisation"
    english.save_revision().publish()
    assert "Over stabilisatie" in client.get(dutch.url).content.decode()
    client.cookies["dt_language"] = "en"
    html = client.get(dutch.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "About stabilisation" in html and "Over stabilisatie" not in html


def test_feeds_list_new_public_items_with_their_links(client):
    page = publish(KnowledgeArticlePage, title="Nieuw in de kennisbank")
    for name in ("knowledge:feed", "knowledge:feed_atom"):
        response = client.get(reverse(name))
        body = response.content.decode()
        assert response.status_code == 200 and "xml" in response["Content-Type"]
        assert "Nieuw in de kennisbank" in body and f"{page.url}<" in body, name


def test_demo_content_has_a_handful_of_pages_of_every_type():
    from drakentemmers.knowledge import demo

    demo.seed()
    for model in KNOWLEDGE_PAGE_MODELS:
        assert model.objects.live().count() >= 2, model.__name__
    # Both public and members-only demo pages, so the demo shows what visibility does.
    visibilities = set(KnowledgePage.objects.live().values_list("visibility", flat=True))
    assert {"public", "members"} <= visibilities
    assert ToolPage.objects.live().exclude(document=None).exists()


def test_method_page_counts_verified_members_per_region(client):

    from drakentemmers.directory.tests.factories import TherapistProfileFactory
    from drakentemmers.regions.models import Municipality
    from drakentemmers.regions.selectors import reporting_region_kind

    emdr = method("emdr")
    for status, place in (
        ("verified", "Utrecht"),
        ("verified", "Utrecht"),
        ("verified", "Amsterdam"),
        ("submitted", "Amsterdam"),
    ):
        therapist = TherapistProfileFactory(status=status, locations=[place])
        therapist.methods.set([emdr])
    page = publish(MethodPage, title="EMDR", method=emdr)
    html = client.get(page.url).content.decode()
    kind = reporting_region_kind()
    for place, count in (("Utrecht", 2), ("Amsterdam", 1)):
        region = Municipality.objects.get(name=place).regions.get(kind=kind).name
        assert re.search(rf'<th scope="row">{re.escape(region)}</th><td>{count}</td>', html), (region, count)
    assert "3 geverifieerde leden" in html


def test_the_staff_link_opens_the_directory_search_filtered_on_the_method():
    from drakentemmers.accounts.models import Role
    from drakentemmers.accounts.tests.factories import logged_in_client, make_user
    from drakentemmers.directory.tests.factories import TherapistProfileFactory

    emdr = method("emdr")
    offering = TherapistProfileFactory(status="verified", user__last_name="Emdrbieder")
    offering.methods.set([emdr])
    TherapistProfileFactory(status="verified", user__last_name="Anderemethode").methods.set([method("tf-cbt")])
    page = publish(MethodPage, title="EMDR", method=emdr)
    staff = logged_in_client(make_user(Role.EDITOR, mfa=True))
    search_url = re.search(r'href="(/[^"]*\?method=\d+)"', staff.get(page.url).content.decode()).group(1)
    html = staff.get(search_url).content.decode()
    assert re.search(rf'value="{emdr.pk}"[^>]*checked', html)
    assert "Emdrbieder" in html and "Anderemethode" not in html
