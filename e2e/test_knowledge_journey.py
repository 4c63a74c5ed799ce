"""Knowledge journey: an editor writes a research summary in the Wagtail admin and submits it, a second editor
approves it, a member finds it through the Dutch search and an anonymous visitor cannot. axe checks the
knowledge list, search and the article; screenshots at 1280 and 320 px."""

import json
import re

import pytest

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import enable_totp, make_user
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.knowledge import selectors, services
from drakentemmers.knowledge.models import ResearchSummaryPage
from e2e.conftest import check, check_narrow, log_in

TITLE = "Slaapproblemen na partnergeweld bij kinderen"


def _rich_text(page, field: str, text: str) -> None:
    """Draftail keeps its content as JSON in a hidden input: set it there (typing races Wagtail's autosave)."""
    state = {
        "blocks": [
            {
                "key": "k1",
                "text": text,
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
                "data": {},
            }
        ],
        "entityMap": {},
    }
    page.locator(f'[data-contentpath="{field}"] .public-DraftEditor-content').first.wait_for()
    page.evaluate(
        "([name, value]) => { document.querySelector(`input[name=${name}]`).value = value }", [field, json.dumps(state)]
    )


# serialized_rollback: Wagtail's tree, locales and the review workflow come back as migrated after an earlier flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_writes_second_editor_approves_member_finds_anonymous_cannot(page, live_server):
    services.knowledge_site_ensure()
    index = selectors.knowledge_index()
    author = make_user(Role.EDITOR, first_name="Eva", last_name="Schrijver")
    author_secret = enable_totp(author)
    reviewer = make_user(Role.EDITOR, first_name="Rik", last_name="Lezer")
    reviewer_secret = enable_totp(reviewer)
    member = TherapistProfileFactory(user=make_user(first_name="Mila", last_name="Lid")).user

    # The editor writes a research summary in the Wagtail admin (members only by default) and submits it.
    log_in(page, author.email, author_secret)
    page.goto(f"/redactie/pages/add/knowledge/researchsummarypage/{index.pk}/")
    page.locator("input[name=title]").fill(TITLE)
    page.locator("textarea[name=intro]").fill("Kinderen die partnergeweld meemaakten slapen vaak slecht.")
    page.locator("input[name=authors]").fill("J. Onderzoeker (fictief)")
    page.locator("input[name=year]").fill("2025")
    _rich_text(page, "key_findings", "Behandelingen van de slaap helpen ook bij de traumaklachten.")
    _rich_text(page, "implications", "Vraag in de intake altijd naar slaap.")
    # The slug is left to Wagtail, which derives it from the title (a slug set here could be overwritten by its
    # debounced title sync before the form was sent).
    page.evaluate("document.querySelector('button[name=action-submit]').click()")
    page.wait_for_url(re.compile(r"/redactie/pages/\d+/edit/|/redactie/pages/\d+/$"))
    summary = ResearchSummaryPage.objects.get(title=TITLE)
    assert not summary.live and summary.current_workflow_state is not None
    # The author cannot approve their own text.
    page.goto(f"/redactie/pages/{summary.pk}/edit/")
    assert page.locator('button[data-workflow-action-name="approve"]').count() == 0

    # A second editor approves it: published.
    log_in(page, reviewer.email, reviewer_secret)
    page.goto(f"/redactie/pages/{summary.pk}/edit/")
    page.evaluate("document.querySelector('button[data-workflow-action-name=\"approve\"]').click()")
    page.wait_for_load_state("networkidle")
    summary.refresh_from_db()
    assert summary.live

    # A member finds it through the search ("slaapproblemen" and "behandeling" by stem), with a highlight.
    log_in(page, member.email)
    page.goto("/kennis/")
    check(page, "knowledge-index")
    page.get_by_label("Zoeken in de kennisbank").fill("behandeling slaap")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"/kennis/zoeken/\?"))
    assert page.get_by_role("link", name=TITLE).count() == 1
    assert page.locator("mark").count() >= 1
    check(page, "knowledge-search")
    check_narrow(page, "knowledge-search")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("heading", name=TITLE, level=1).wait_for()
    check(page, "knowledge-research-summary")
    check_narrow(page, "knowledge-research-summary")

    # An anonymous visitor does not find it, and its URL sends to the login.
    page.context.clear_cookies()
    page.goto("/kennis/zoeken/?q=slaap")
    assert page.get_by_role("link", name=TITLE).count() == 0
    check(page, "knowledge-search-anonymous")
    page.goto(summary.url)
    assert "/account/login/" in page.url
