"""The knowledge base's pages in the browser: axe (WCAG 2.1 A/AA), one h1 and no sideways scrolling at 320 px on
the list, the search with highlighted snippets, a knowledge article, a research summary, a tool, a method page
(with its per-region table; the staff link to the filtered search is tested in knowledge/tests) and a content
page an editor wrote in the Wagtail admin (served at /over/). Screenshots at 1280 and 320 px in e2e/artifacts/."""

import pytest

from drakentemmers.directory.tests.factories import TherapistProfileFactory, method
from drakentemmers.knowledge import demo
from drakentemmers.knowledge.models import ContentPage, KnowledgeArticlePage, MethodPage
from e2e.conftest import check
from e2e.test_knowledge_journey import check_narrow

EDITORS_ABOUT = "Over Drakentemmers, door de redactie"


def _both_widths(page, name: str) -> None:
    check(page, f"{name}-1280")
    check_narrow(page, name)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_knowledge_pages_have_no_axe_violations_at_1280_and_320(page, live_server):
    demo.seed()
    emdr = method("emdr")
    for place in ("Utrecht", "Utrecht", "Amsterdam"):
        therapist = TherapistProfileFactory(status="verified", locations=[place])
        therapist.methods.set([emdr])
    about = ContentPage(
        key="about",
        language="nl",
        title=EDITORS_ABOUT,
        body="<h2>Wie we zijn</h2><p>Een netwerk van behandelaars.</p><ul><li>Kinderen</li><li>Volwassenen</li></ul>",
    )
    about.save()
    about.save_revision().publish()
    article = KnowledgeArticlePage.objects.get(slug="stabilisatie-in-de-opvang")
    method_page = MethodPage.objects.get(slug="emdr")

    page.goto("/kennis/")
    _both_widths(page, "knowledge-list")
    page.goto("/kennis/zoeken/?q=behandelingen")
    assert page.locator("main mark").count() >= 1
    _both_widths(page, "knowledge-search-results")
    page.goto(article.url)
    page.get_by_role("heading", name="Gerelateerd").wait_for()
    _both_widths(page, "knowledge-article")
    page.goto("/kennis/demo-onderzoek-traumagerichte-behandeling-kinderen/")
    page.get_by_role("link", name="10.0000/demo.2024.001").wait_for()
    _both_widths(page, "knowledge-research-summary-demo")
    page.goto("/kennis/veiligheidsplan-gesprekskaart/")
    _both_widths(page, "knowledge-tool")
    page.goto(method_page.url)
    rows = page.locator("main table tbody tr").all_inner_texts()
    assert [row.split() for row in rows] == [["Amsterdam-Amstelland", "1"], ["Utrecht", "2"]]
    _both_widths(page, "knowledge-method-anonymous")
    page.goto("/over/")
    page.get_by_role("heading", name=EDITORS_ABOUT, level=1).wait_for()
    _both_widths(page, "content-page-about")
