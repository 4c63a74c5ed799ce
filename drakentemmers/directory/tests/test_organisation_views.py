import pytest
from django.core import mail
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import Organisation, OrganisationInvitation, OrganisationMembership
from drakentemmers.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Vrouwenopvang Zuid",
    "kind": "womens_shelter",
    "kvk_number": "1234 5678",
    "contact_name": "Ayla",
    "contact_email": "ayla@opvangzuid.nl",
    "place": "5611",
    "covered": "Eindhoven, Helmond\nVeldhoven",
}


def test_form_has_no_street_address_and_explains_why(client_for):
    response = client_for(make_user()).get(reverse("directory:organisation_create"))
    html = response.content.decode()
    assert response.status_code == 200
    for word in ("street", 'straat"', 'address"', "huisnummer"):
        assert f'name="{word}' not in html
    assert "We vragen bewust geen straatadres" in html
    assert set(response.context["form"].fields) == {
        "name",
        "kind",
        "kvk_number",
        "description",
        "contact_name",
        "contact_email",
        "contact_phone",
        "place",
        "covered",
        "privacy_confirm",
    }


def test_create_organisation_then_mfa_needed(client_for):
    user = make_user()
    client = client_for(user)
    response = client.post(reverse("directory:organisation_create"), FORM)
    organisation = Organisation.objects.get()
    assert response["Location"] == reverse("directory:organisation_detail", args=[organisation.pk])
    assert organisation.kvk_number == "12345678" and organisation.postcode_area.code == "5611"
    assert sorted(m.name for m in organisation.covered_municipalities.all()) == ["Eindhoven", "Helmond", "Veldhoven"]
    # The creator is now organisation staff and must set up MFA before seeing the organisation page.
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kvk_number": "1234567"}, "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ({"place": "99"}, "is geen geldige postcode"),
        ({"place": "Gotham"}, "We kennen geen gemeente of plaats"),
        ({"covered": "Utrecht, Narnia"}, "Deze gemeenten kennen we niet: Narnia."),
    ],
)
def test_bad_input_keeps_the_form(client_for, changes, message):
    response = client_for(make_user()).post(reverse("directory:organisation_create"), {**FORM, **changes})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'value="Vrouwenopvang Zuid"' in html
    assert not Organisation.objects.exists()


def test_admin_invites_colleague_who_accepts(client_for, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    admin = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembership.objects.create(organisation=organisation, user=admin, is_admin=True)
    url = reverse("directory:organisation_detail", args=[organisation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(url, {"email": "nieuw@opvang.nl"})
    assert response.status_code == 302
    invitation = OrganisationInvitation.objects.get()
    accept_url = reverse("directory:organisation_invitation_accept", args=[invitation.token])
    assert accept_url in mail.outbox[0].body
    colleague = make_user(email="nieuw@opvang.nl")
    client = client_for(colleague)
    assert client.get(accept_url).status_code == 200
    response = client.post(accept_url)
    assert response["Location"] == url
    assert OrganisationMembership.objects.filter(organisation=organisation, user=colleague, is_admin=False).exists()
    # A reload or double click after accepting lands on the organisation, not on a dead link.
    assert client.post(accept_url)["Location"] == url
    assert OrganisationMembership.objects.filter(user=colleague).count() == 1
    # Not yet MFA: the organisation page sends the new colleague to the MFA set-up.
    assert client.get(url)["Location"] == reverse("mfa_activate_totp")


def test_non_admin_member_cannot_invite(client_for):
    organisation = OrganisationFactory()
    member = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembership.objects.create(organisation=organisation, user=member)
    response = client_for(member).post(
        reverse("directory:organisation_detail", args=[organisation.pk]), {"email": "x@y.nl"}
    )
    assert response.status_code == 200 and not OrganisationInvitation.objects.exists()


def test_wrong_user_cannot_accept_invitation(client_for):
    organisation = OrganisationFactory()
    invitation = OrganisationInvitation.objects.create(organisation=organisation, email="juist@opvang.nl")
    url = reverse("directory:organisation_invitation_accept", args=[invitation.token])
    response = client_for(make_user(email="fout@opvang.nl")).post(url, follow=True)
    assert "Deze uitnodiging is verstuurd naar juist@opvang.nl" in response.content.decode()
    assert not OrganisationMembership.objects.exists()
    assert (
        client_for(make_user()).get(reverse("directory:organisation_invitation_accept", args=["nope"])).status_code
        == 404
    )
