"""Growth journey: a member invites a colleague, the colleague signs up through the link (allauth's real sign-up,
the verification mail from the outbox), fills the profile and is verified, and the coordinator's recruitment
view counts them. axe checks every page; screenshots at 1280 and 320 px."""

import re

import pytest
from django.core import mail

from drakentemmers.accounts.models import Role, User
from drakentemmers.accounts.tests.factories import PASSWORD, enable_totp, make_user
from drakentemmers.directory.models import TherapistProfile
from drakentemmers.directory.services import therapist_verify
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.recruitment.models import ColleagueInvitation
from drakentemmers.regions.models import Region, RegionKind
from e2e.conftest import check, check_narrow, log_in, screenshot
from e2e.test_directory_journey import fill_wizard

INVITEE = "fenna.drakenstein@praktijk.example.nl"


@pytest.mark.django_db(transaction=True)
def test_member_invites_colleague_who_joins_and_is_counted(page, live_server):
    utrecht = Region.objects.get(kind=RegionKind.VEILIG_THUIS, code="VT20")
    member = TherapistProfileFactory(user=make_user(first_name="Joris", last_name="Lid"), locations=["3511"]).user

    # The member invites a colleague from "My Drakentemmers".
    log_in(page, member.email)
    page.get_by_role("link", name="Een collega uitnodigen").click()
    page.wait_for_url(re.compile(r"/werving/uitnodigen/$"))
    check(page, "recruitment-invite")
    check_narrow(page, "recruitment-invite")
    page.get_by_label("E-mailadres van je collega").fill(INVITEE)
    page.get_by_label("Regio waar je collega werkt").select_option(label="Utrecht")
    page.get_by_label("Persoonlijk bericht (niet verplicht)").fill("Jij zou hier echt goed passen!")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text(f"Je uitnodiging aan {INVITEE} is onderweg.").wait_for()
    check(page, "recruitment-invite-sent")
    check_narrow(page, "recruitment-invite-sent")

    # The colleague opens the personal link from the e-mail.
    invitation_mail = next(m for m in mail.outbox if m.to == [INVITEE])
    assert "Joris Lid" in invitation_mail.subject
    link = re.search(r"https?://\S+/werving/uitnodiging/\S+/", invitation_mail.body).group(0)
    page.context.clear_cookies()
    page.goto(link)
    main = page.locator("main").inner_text()
    assert "Uitgenodigd door Joris Lid" in main and "Jij zou hier echt goed passen!" in main
    check(page, "recruitment-invitation")
    check_narrow(page, "recruitment-invitation")

    # allauth's own sign-up, the address filled in and the inviter named.
    page.get_by_role("link", name="Mijn account aanmaken").click()
    page.wait_for_url(re.compile(r"/account/signup/\?"))
    assert page.get_by_label("E-mail").input_value() == INVITEE
    assert "uitgenodigd door Joris Lid" in page.locator("body").inner_text()
    check(page, "recruitment-signup")
    page.get_by_label("Voornaam").fill("Fenna")
    page.get_by_label("Achternaam").fill("Drakenstein")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/account/confirm-email/"))
    verification = mail.outbox[-1]
    assert verification.to == [INVITEE]
    page.goto(re.search(r"https?://\S+", verification.body).group(0))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/netwerk/mijn-profiel/stap/profession/$"))
    invitation = ColleagueInvitation.objects.get()
    assert invitation.accepted_by == User.objects.get(email=INVITEE)

    # The checklist on "My Drakentemmers" shows the steps, then the wizard is filled in.
    page.goto("/mijn/")
    assert "Aan de slag" in page.locator("main").inner_text()
    check(page, "recruitment-checklist")
    check_narrow(page, "recruitment-checklist")
    page.goto("/netwerk/mijn-profiel/stap/profession/")
    fill_wizard(page)
    profile = TherapistProfile.objects.get(user__email=INVITEE)
    therapist_verify(profile=profile, verifier=make_user(Role.VERIFIER), method="BIG-register gecontroleerd")

    # The coordinator of Utrecht sees the new member and the accepted invitation.
    coordinator = make_user(Role.COORDINATOR, region=utrecht)
    log_in(page, coordinator.email, enable_totp(coordinator))
    page.get_by_role("link", name="Werving").first.click()
    page.wait_for_url(re.compile(r"/werving/$"))
    row = page.locator("tbody tr", has=page.locator("th", has_text="Utrecht"))
    cells = row.locator("td").all_inner_texts()
    # verified, target, fresh availability, drafts, waiting, sent, accepted, declined
    assert cells[0] == "2" and cells[1] == "geen doel ingesteld"
    assert cells[5:] == ["1", "1", "0"]
    check(page, "recruitment-overview")
    check_narrow(page, "recruitment-overview")
    screenshot(page, "recruitment-overview-final")
