"""The search page /netwerk/zoeken/ and the public figures /netwerk/in-cijfers/: access, htmx, bad input, queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import Accepting, VerificationStatus
from drakentemmers.directory.tests import factories as f
from drakentemmers.regions.models import Region

pytestmark = pytest.mark.django_db

SEARCH = reverse("directory:search")
PUBLIC = reverse("directory:public_network")


def verified_staff(*, mfa: bool = True):
    user = make_user(Role.ORG_STAFF, mfa=mfa)
    f.OrganisationMembershipFactory(user=user)
    return user


def verified_therapist_user():
    return f.TherapistProfileFactory(locations=["3511"]).user


PERSONAS = {
    "anonymous": lambda: None,
    "nobody": lambda: make_user(),
    "unverified_therapist": lambda: f.TherapistProfileFactory(status=VerificationStatus.SUBMITTED).user,
    "therapist": verified_therapist_user,
    "org_staff_without_mfa": lambda: verified_staff(mfa=False),
    "unverified_org_staff": lambda: (
        f.OrganisationMembershipFactory(
            user=make_user(Role.ORG_STAFF, mfa=True),
            organisation=f.OrganisationFactory(status=VerificationStatus.SUBMITTED),
        ).user
    ),
    "org_staff_without_organisation": lambda: make_user(Role.ORG_STAFF, mfa=True),
    "verified_org_staff": verified_staff,
    "coordinator": lambda: make_user(Role.COORDINATOR, mfa=True, region=Region.objects.filter(kind="vt").first()),
    "platform_team": lambda: make_user(Role.VERIFIER, mfa=True),
}


@pytest.fixture
def listed(db):
    return f.TherapistProfileFactory(
        locations=["1011"], methods=["emdr"], accepting=Accepting.LIMITED, waiting_weeks=3, public_profile=True
    )


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", "login"),
        ("nobody", 403),
        ("unverified_therapist", "waiting"),
        ("therapist", 200),
        ("org_staff_without_mfa", "mfa"),
        ("unverified_org_staff", 403),
        ("org_staff_without_organisation", 403),
        ("verified_org_staff", 200),
        ("coordinator", 200),
        ("platform_team", 200),
    ],
)
def test_search_access_matrix(client_for, listed, persona, expected):
    response = client_for(PERSONAS[persona]()).get(SEARCH, {"place": "1011 AB"})

    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == "mfa":
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    elif expected == "waiting":  # told where the profile stands, and shown no one
        assert response.status_code == 200
        html = response.content.decode()
        assert "Je profiel is nog niet geverifieerd" in html and escape(listed.display_name) not in html
    else:
        assert response.status_code == expected
    if expected == 200:
        assert escape(listed.display_name) in response.content.decode()


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_public_figures_are_open_to_everyone(client_for, listed, persona):
    response = client_for(PERSONAS[persona]()).get(PUBLIC)

    assert response.status_code == 200
    assert escape(listed.display_name) in response.content.decode()


def test_org_staff_see_availability_and_reasons(client_for, listed):
    response = client_for(verified_staff()).get(SEARCH, {"place": "1011 AB", "method": [f.method("emdr").pk]})

    html = response.content.decode()
    assert "<h1>Vind een Drakentemmer</h1>" in html  # the menu names the page too: check the heading
    assert "EMDR ✓" in html
    assert "wachttijd 3 weken" in html
    assert 'aria-live="polite"' in html


def test_therapists_get_the_colleague_view_without_themselves(client_for, listed):
    me = verified_therapist_user()

    html = client_for(me).get(SEARCH).content.decode()

    assert "<h1>Colleganetwerk</h1>" in html
    assert escape(listed.display_name) in html
    assert escape(me.get_full_name()) not in html


def test_bad_postcode_shows_a_dutch_message_and_keeps_the_other_filters(client_for, listed):
    emdr = f.method("emdr")
    response = client_for(verified_staff()).get(
        SEARCH, {"place": "1011 SS", "method": [emdr.pk], "setting": "outpatient", "accepting_now": "on"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "geen geldige postcode" in html
    assert 'value="1011 SS"' in html
    assert f'value="{emdr.pk}" id="id_method_0" checked' in html or (f'value="{emdr.pk}"' in html and "checked" in html)
    assert '<option value="outpatient" selected>' in html
    assert 'name="accepting_now" id="id_accepting_now" checked' in html


def test_unknown_municipality_gives_a_clear_message(client_for):
    html = client_for(verified_staff()).get(SEARCH, {"place": "Atlantis"}).content.decode()

    assert "We kennen geen gemeente of plaats" in html


def test_garbage_input_never_gives_a_500(client_for):
    response = client_for(verified_staff()).get(
        SEARCH, {"max_distance": "x", "region": "abc", "method": ["zz"], "max_waiting_weeks": "-1", "page": "zz"}
    )

    assert response.status_code == 200


def test_htmx_request_returns_only_the_results_partial(client_for, listed):
    response = client_for(verified_staff()).get(SEARCH, {"place": "1011"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert "<form" not in html
    assert escape(listed.display_name) in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client_for, listed):
    response = client_for(verified_staff()).get(
        SEARCH, {"place": "1011"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    assert "<html" in response.content.decode()


def test_it_rejects_post(client_for):
    assert client_for(verified_staff()).post(SEARCH).status_code == 405


def test_search_page_query_count_is_bounded(client_for, django_assert_max_num_queries):
    for _ in range(30):
        f.TherapistProfileFactory(locations=["1011", "1012"], methods=["emdr"], languages=["nl"])
    client = client_for(verified_staff())
    emdr = f.method("emdr")

    # Fixed costs (session, user, roles, MFA, membership, menu, the form's six vocabularies, the postcode)
    # plus five for the search: the page with its total and four prefetches. None of it grows with the results.
    with django_assert_max_num_queries(27):
        response = client.get(SEARCH, {"place": "1011", "method": [emdr.pk]})
    assert response.content.decode().count("dt-therapist-card__name") == 20


def test_public_page_shows_counts_and_opted_in_profiles_but_never_availability(client, listed):
    hidden = f.TherapistProfileFactory(locations=["3511"], public_profile=False)
    f.TherapistProfileFactory(locations=["1011"], public_profile=True, status=VerificationStatus.SUBMITTED)

    html = client.get(PUBLIC).content.decode()

    assert escape(listed.display_name) in html
    assert reverse("directory:therapist_public", args=[listed.pk]) in html
    assert escape(hidden.display_name) not in html
    assert "Amsterdam-Amstelland" in html
    assert "wachttijd" not in html.lower() and "waiting" not in html.lower()
    assert "beperkt" not in html.lower()


def test_public_figures_count_verified_therapists_per_region(client, listed):
    f.TherapistProfileFactory(locations=["1012", "1071"])  # two locations in one region count once
    f.TherapistProfileFactory(locations=["1011"], status=VerificationStatus.REJECTED)

    network = client.get(PUBLIC).context["network"]

    per_region = {r.name: r.therapist_count for r in network.regions}
    assert network.total == 2
    assert per_region["Amsterdam-Amstelland"] == 2
    assert sum(per_region.values()) == 2
    assert {p.name: p.therapist_count for p in network.provinces}["Noord-Holland"] == 2


def test_public_page_query_count_is_bounded(client, django_assert_max_num_queries):
    for i in range(40):
        f.TherapistProfileFactory(locations=["1011", "3511"], methods=["emdr"], public_profile=bool(i % 2))
    with django_assert_max_num_queries(12):
        response = client.get(PUBLIC)
    assert response.status_code == 200


def test_stale_availability_is_marked(client_for):
    f.TherapistProfileFactory(availability_confirmed_at=timezone.now() - timedelta(days=40))

    html = client_for(verified_staff()).get(SEARCH).content.decode()

    assert "beschikbaarheid verouderd" in html


def test_the_ranking_is_shared_between_visitors_and_follows_data_changes(client_for, listed):
    """The ranked ids of a query are cached for every visitor with that query, until the data change."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first, second = client_for(verified_staff()), client_for(verified_staff())
    query = {"place": "1011"}
    assert escape(listed.display_name) in first.get(SEARCH, query).content.decode()

    with CaptureQueriesContext(connection) as queries:
        html = second.get(SEARCH, query).content.decode()
    assert escape(listed.display_name) in html
    ranking = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "OVER" in q["sql"]]
    assert ranking == []  # the other visitor's ranking was reused

    newcomer = f.TherapistProfileFactory(locations=["1011"])  # a save bumps the data version
    html = second.get(SEARCH, query).content.decode()
    assert escape(newcomer.display_name) in html
    assert "2 behandelaars gevonden" in html

    newcomer.status = VerificationStatus.SUSPENDED
    newcomer.save()
    html = second.get(SEARCH, query).content.decode()
    assert escape(newcomer.display_name) not in html
    assert "1 behandelaar gevonden" in html


def test_a_therapist_never_gets_the_ranking_that_includes_themselves(client_for, listed):
    me = verified_therapist_user()
    staff_html = client_for(verified_staff()).get(SEARCH).content.decode()  # cached without exclusion
    assert escape(me.get_full_name()) in staff_html

    html = client_for(me).get(SEARCH).content.decode()

    assert escape(listed.display_name) in html
    assert escape(me.get_full_name()) not in html


def test_a_result_card_shows_the_facts_built_in_the_selector(client_for):
    """The card's strings come from the selector (issue 17): links, places with postcode, lists and Dutch dates."""
    confirmed = timezone.now().replace(year=2026, month=12, day=1, hour=12)
    therapist = f.TherapistProfileFactory(
        locations=["1011"],
        methods=["emdr"],
        languages=["nl"],
        practice_name="Praktijk <De Haven>",
        availability_confirmed_at=confirmed,
    )
    html = client_for(verified_staff()).get(SEARCH, {"place": "1011"}).content.decode()
    card = html[html.index('class="dt-card dt-therapist-card"') :]
    card = card[: card.index("</article>")]
    assert f'href="{reverse("directory:therapist_detail", args=[therapist.pk])}"' in card
    assert escape(therapist.display_name) in card
    assert "Praktijk &lt;De Haven&gt;" in card  # escaped by the template
    assert "<dt>Werkt in</dt><dd>Amsterdam (1011)</dd>" in card
    assert "<dt>Methoden</dt><dd>EMDR</dd>" in card
    assert "<dd>1 december 2026</dd>" in card
