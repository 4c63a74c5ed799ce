"""Colleague network journey: a member asks to join an intervision group, the facilitator accepts, the
member posts in the group space; the member asks a case question, the facilitator replies, the member
accepts the answer. axe checks the group and consultation pages; screenshots at 1280 and 320 px."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.colleagues import services
from drakentemmers.colleagues.models import Consultation, MembershipStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.regions.models import Region, RegionKind
from e2e.conftest import check, log_in


def look(page, name: str) -> None:
    """axe and one h1 at 1280 px, then the same at 320 px without sideways scrolling; screenshots in e2e/artifacts/."""
    check(page, f"colleagues-{name}")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, f"colleagues-{name}-320")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways at 320 px by {overflow} px"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.django_db(transaction=True)
def test_join_group_post_in_space_and_consult_the_network(page, live_server):
    utrecht = Region.objects.get(kind=RegionKind.VEILIG_THUIS, code="VT20")
    facilitator = TherapistProfileFactory(user=make_user(first_name="Hanna", last_name="Begeleider")).user
    member = TherapistProfileFactory(user=make_user(first_name="Joris", last_name="Lid")).user
    group = services.group_create(
        facilitator=facilitator, name="Intervisie Utrecht", theme="Kinderen na huiselijk geweld", region=utrecht
    )

    # The member finds the group and asks to join.
    log_in(page, member.email)
    page.goto("/collegas/intervisie/")
    look(page, "group-list")
    page.get_by_role("link", name="Intervisie Utrecht").click()
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_text("Je hebt je aangemeld. De begeleider geeft antwoord.").wait_for()
    assert group.memberships.get(user=member).status == MembershipStatus.REQUESTED

    # The facilitator accepts.
    log_in(page, facilitator.email)
    page.goto(f"/collegas/intervisie/{group.pk}/")
    look(page, "group-facilitator")
    page.get_by_role("button", name="Accepteren Joris Lid").click()
    page.get_by_text("De aanmelding is geaccepteerd.").wait_for()

    # The facilitator plans a meeting; it is on the group page and in the members' calendar feed.
    page.get_by_role("link", name="Een bijeenkomst plannen").click()
    look(page, "meeting-form")
    day = (timezone.localdate() + timedelta(days=14)).isoformat()
    page.get_by_label("Datum").fill(day)
    page.get_by_label("Begintijd").fill("19:30")
    page.get_by_label("Eindtijd").fill("21:30")
    page.get_by_label("Waar").fill("Online")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    page.get_by_text("De bijeenkomst is gepland.").wait_for()
    look(page, "group-with-meeting")

    # The member posts in the group space.
    log_in(page, member.email)
    page.goto(f"/collegas/intervisie/{group.pk}/")
    look(page, "group-member")
    feed = page.request.get(f"/collegas/intervisie/{group.pk}/agenda.ics")
    events = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert [e.decoded("dtstart").strftime("%Y-%m-%d %H:%M") for e in events] == [f"{day} 19:30"]
    page.get_by_role("link", name="Naar de groepsruimte").click()
    page.wait_for_url(re.compile(rf"/collegas/intervisie/{group.pk}/ruimte/$"))
    page.get_by_label("Bericht").fill("Fijn dat ik erbij mag. Volgende keer breng ik een casus in.")
    page.get_by_role("button", name="Plaatsen").click()
    page.get_by_text("Je bericht is in de groep geplaatst.").wait_for()
    assert "Volgende keer breng ik een casus in." in page.locator("main").inner_text()
    look(page, "group-space")

    # The member asks the whole network a case question.
    page.goto("/collegas/casuistiek/nieuw/")
    look(page, "consultation-form")
    page.get_by_label("Titel").fill("Stabilisatie lukt niet in de opvang")
    page.get_by_label("Je vraag").fill(
        "Een moeder van eind dertig raakt in elke sessie overspoeld. Hoe bouwen jullie eerst veiligheid op?"
    )
    page.get_by_role("button", name="Vraag plaatsen").click()
    page.get_by_text("Je vraag is geplaatst.").wait_for()
    consultation = Consultation.objects.get()

    # The facilitator replies.
    log_in(page, facilitator.email)
    page.goto("/collegas/casuistiek/")
    look(page, "consultation-list")
    page.get_by_role("link", name="Stabilisatie lukt niet in de opvang").click()
    page.get_by_label("Je reactie").fill("Maak de sessies korter en begin met lichaamsgerichte oefeningen.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    page.get_by_text("Je reactie is geplaatst.").wait_for()

    # The member accepts the answer.
    log_in(page, member.email)
    page.goto(f"/collegas/casuistiek/{consultation.pk}/")
    page.get_by_role("button", name="Markeren als geaccepteerd antwoord").click()
    page.get_by_text("Het antwoord is gemarkeerd als geaccepteerd.").wait_for()
    consultation.refresh_from_db()
    assert consultation.accepted_reply is not None
    look(page, "consultation-answered")

    # Supervision pages of the same network.
    page.goto("/collegas/supervisie/")
    look(page, "supervisors")
