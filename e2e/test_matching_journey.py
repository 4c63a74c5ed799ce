"""The matching journey: organisation staff write a care request (the privacy guard catches a name), fix it,
invite two therapists; one declines, one accepts; the organisation confirms; the figures page shows the match.
axe checks every page on the way; each actor has their own browser context."""

import re

from django.urls import NoReverseMatch, reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import enable_totp, make_user
from drakentemmers.directory.models import OrganisationMembership
from drakentemmers.directory.tests import factories as f
from drakentemmers.matching.models import CareRequest, RequestStatus
from e2e.conftest import check, log_in


def new_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(15_000)
    return context.new_page()


def fill_request(page, context: str) -> None:
    page.get_by_label("Korte omschrijving").fill("Volwassen vrouw, EMDR, ambulant")
    page.get_by_label(re.compile(r"^Cliënt")).select_option(label="Volwassene")
    page.get_by_label("Leeftijdsgroep").select_option(value="18+")
    page.get_by_label("Rol bij het geweld").select_option(label="Slachtoffer")
    page.get_by_label("Slachtoffers", exact=True).check()
    page.get_by_label("EMDR", exact=True).check()
    page.get_by_label("Ambulant", exact=True).check()
    page.get_by_label("Plaats", exact=True).fill("1012")
    page.get_by_label("Context").fill(context)


def test_matching_journey(page, browser, live_server):
    organisation = f.OrganisationFactory(name="Vrouwenopvang Het Baken")
    staff = make_user(Role.ORG_STAFF, first_name="Sanne", last_name="Opvang")
    OrganisationMembership.objects.create(organisation=organisation, user=staff)
    secret = enable_totp(staff)
    kim = f.TherapistProfileFactory(
        user__first_name="Kim",
        user__last_name="Behandelaar",
        methods=["emdr"],
        target_groups=["slachtoffers"],
        locations=["1013"],
    )
    noor = f.TherapistProfileFactory(
        user__first_name="Noor",
        user__last_name="Therapeut",
        methods=["emdr"],
        target_groups=["slachtoffers"],
        locations=["1017"],
    )

    lotte = f.TherapistProfileFactory(
        user__first_name="Lotte",
        user__last_name="Aanbieder",
        methods=["emdr"],
        target_groups=["slachtoffers"],
        locations=["1018"],
    )

    # 1. The organisation writes a request; the guard catches a name.
    log_in(page, staff.email, secret)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Hulpvragen").click()
    check(page, "matching-request-list-empty")
    page.get_by_role("link", name="Nieuwe hulpvraag").click()
    fill_request(page, "Moeder Fatima de Vries zoekt traumabehandeling na huiselijk geweld.")
    page.get_by_role("button", name="Opslaan").click()
    alert = page.locator("#privacy-alert")
    assert "Mogelijke persoonsgegevens gevonden" in alert.inner_text()
    assert alert.locator("mark.privacy-mark").inner_text() == "Fatima de Vries"
    assert page.get_by_label("Korte omschrijving").input_value() == "Volwassen vrouw, EMDR, ambulant"
    check(page, "matching-request-privacy-guard")
    assert not CareRequest.objects.exists()

    # 2. Fixed: saved as a draft, published, two therapists invited from the ranked list.
    page.get_by_label("Context").fill("Cliënte zoekt traumabehandeling na huiselijk geweld.")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/hulpvragen/\d+/$"))
    check(page, "matching-request-draft")
    page.get_by_role("button", name="Publiceren en behandelaars zoeken").click()
    page.wait_for_url(re.compile(r"/kandidaten/$"))
    main = page.locator("main").inner_text()
    assert "Kim Behandelaar" in main and "Noor Therapeut" in main and "EMDR ✓" in main
    check(page, "matching-candidates")
    page.get_by_label("Kim Behandelaar").check()
    page.get_by_label("Noor Therapeut").check()
    page.get_by_role("button", name="Nodig de gekozen behandelaars uit").click()
    page.wait_for_url(re.compile(r"/hulpvragen/\d+/$"))
    assert "2 behandelaars per e-mail uitgenodigd" in page.locator("main").inner_text()
    care_request = CareRequest.objects.get()
    detail_url = f"/hulpvragen/{care_request.pk}/"

    # 3. Noor declines with a reason; Kim accepts.
    noor_page = new_page(browser, live_server)
    log_in(noor_page, noor.user.email)
    noor_page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Uitnodigingen").click()
    check(noor_page, "matching-inbox")
    noor_page.get_by_role("link", name="Volwassen vrouw, EMDR, ambulant").click()
    check(noor_page, "matching-request-therapist-view")
    assert "Kim Behandelaar" not in noor_page.locator("main").inner_text()
    noor_page.get_by_role("link", name="Afwijzen").click()
    noor_page.get_by_label("Geen plek").check()
    check(noor_page, "matching-decline")
    noor_page.get_by_role("button", name="Antwoord versturen").click()
    noor_page.wait_for_url(re.compile(r"/uitnodigingen/$"))
    noor_page.context.close()

    kim_page = new_page(browser, live_server)
    log_in(kim_page, kim.user.email)
    kim_page.goto(detail_url)
    kim_page.get_by_role("button", name="Accepteren: ik kan dit oppakken").click()
    assert "De organisatie is geïnformeerd" in kim_page.locator("main").inner_text()
    kim_page.context.close()

    # Reverse matching: Lotte was not invited but fits; she offers herself.
    lotte_page = new_page(browser, live_server)
    log_in(lotte_page, lotte.user.email)
    lotte_page.goto("/hulpvragen/passend/")
    check(lotte_page, "matching-fitting")
    lotte_page.get_by_role("button", name="Aanbieden om dit op te pakken").click()
    assert "Je aanbod is verstuurd" in lotte_page.locator("main").inner_text()
    lotte_page.context.close()

    # 4. The organisation sees the answers and the offer, and confirms Kim.
    page.goto(detail_url)
    main = page.locator("main").inner_text()
    assert "Geen plek" in main and "Geaccepteerd" in main and "Aangeboden door de behandelaar" in main
    check(page, "matching-request-responses")
    page.get_by_role("button", name="Match met Kim Behandelaar bevestigen").click()
    assert "Match bevestigd" in page.locator("main").inner_text()
    check(page, "matching-request-matched")
    care_request.refresh_from_db()
    assert care_request.status == RequestStatus.MATCHED and care_request.matched_therapist == kim
    assert care_request.candidacies.get(therapist=lotte).status == "withdrawn"

    # Messages stay in the platform, behind the same guard.
    page.get_by_role("link", name="Berichten met Kim Behandelaar").click()
    page.get_by_label("Bericht").fill("Kun je bellen met 06-12345678?")
    page.get_by_role("button", name="Versturen").click()
    assert page.locator("#privacy-alert mark.privacy-mark").inner_text() == "06-12345678"
    page.get_by_label("Bericht").fill("Welke dagen kun je starten? De mentor sluit bij de eerste afspraak aan.")
    page.get_by_role("button", name="Versturen").click()
    assert "Bericht verstuurd" in page.locator("main").inner_text()
    check(page, "matching-thread")
    thread_url = page.url

    # Kim answers in the thread; a colleague at the organisation who never wrote sees it in "Berichten", unread.
    kim_page = new_page(browser, live_server)
    log_in(kim_page, kim.user.email)
    kim_page.goto(thread_url)
    kim_page.get_by_label("Bericht").fill("Dinsdag en donderdag kan ik starten.")
    kim_page.get_by_role("button", name="Versturen").click()
    assert "Bericht verstuurd" in kim_page.locator("main").inner_text()
    kim_page.context.close()
    colleague = make_user(Role.ORG_STAFF, first_name="Cor", last_name="Collega")
    OrganisationMembership.objects.create(organisation=organisation, user=colleague)
    colleague_page = new_page(browser, live_server)
    log_in(colleague_page, colleague.email, enable_totp(colleague))
    colleague_page.get_by_role(
        "link", name=re.compile(r"^Berichten\s*,\s*1 gesprek heeft een ongelezen bericht$")
    ).first.click()
    colleague_page.wait_for_url(re.compile(r"/berichten/$"))
    row = colleague_page.locator("main tbody tr").first
    assert care_request.title in row.inner_text() and "Ongelezen" in row.inner_text()
    check(colleague_page, "conversations-inbox")
    row.get_by_role("link").click()
    colleague_page.wait_for_url(re.compile(r"/uitnodiging/\d+/berichten/$"))
    assert "Dinsdag en donderdag kan ik starten." in colleague_page.locator("main").inner_text()
    assert "Nieuw" in colleague_page.locator("main ol").inner_text()
    check(colleague_page, "conversations-request-thread")
    colleague_page.goto("/berichten/")
    assert "Ongelezen" not in colleague_page.locator("main tbody").inner_text()
    colleague_page.context.close()

    # 5. The figures page (when present) shows the match to the platform team.
    try:
        metrics_url = reverse("matching:metrics")
    except NoReverseMatch:
        return
    platform = make_user(Role.VERIFIER)
    platform_secret = enable_totp(platform)
    platform_page = new_page(browser, live_server)
    log_in(platform_page, platform.email, platform_secret)
    platform_page.goto(metrics_url)
    figures = platform_page.locator("main section").first.inner_text()
    # One client request is too few to show without pointing to a client: the page says so instead.
    assert "minder dan 5 hulpvragen gepubliceerd" in figures, figures
    check(platform_page, "matching-metrics")
    platform_page.context.close()
