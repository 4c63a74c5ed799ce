"""allauth through our adapter: sign-up with name fields, verification and reset mail via the outbox."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from drakentemmers.accounts.models import User
from drakentemmers.accounts.tests.factories import PASSWORD
from drakentemmers.core.models import OutgoingEmail

pytestmark = pytest.mark.django_db
SIGNUP = reverse("account_signup")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _link(body: str) -> str:
    return re.search(r"https?://\S+", body).group(0)


def _signup(client, captured, **overrides):
    data = {
        "email": "nieuw@example.nl",
        "first_name": "Noor",
        "last_name": "de Wit",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    with captured(execute=True):
        return client.post(SIGNUP, data)


def test_signup_page_is_dutch_and_asks_for_the_name(client):
    html = client.get(SIGNUP).content.decode()
    assert "Voornaam" in html and "Achternaam" in html and "Wachtwoord" in html
    assert 'autocomplete="given-name"' in html


def test_signup_sends_verification_mail_through_the_outbox_and_confirmation_logs_in(
    client, django_capture_on_commit_callbacks
):
    response = _signup(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.nl")
    assert (user.first_name, user.last_name, user.preferred_language) == ("Noor", "de Wit", "nl")
    stored = OutgoingEmail.objects.get()
    assert stored.status == OutgoingEmail.Status.SENT
    assert stored.to == ["nieuw@example.nl"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[Drakentemmers] ")
    assert "Bevestig" in message.subject or "bevestig" in message.subject.lower()
    link = _link(message.body)
    path = re.sub(r"^https?://[^/]+", "", link)
    # Confirming on GET is off: the link shows a page with a button (safe against mail scanners).
    page = client.get(path)
    assert page.status_code == 200
    assert "nieuw@example.nl" in page.content.decode()
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:my_home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_keeps_the_typed_values_and_shows_dutch_errors(client, django_capture_on_commit_callbacks):
    response = _signup(client, django_capture_on_commit_callbacks, first_name="", password2="iets-anders-123")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="nieuw@example.nl"' in html and 'value="de Wit"' in html
    assert "Dit veld is verplicht." in html
    assert not User.objects.exists()
    assert mail.outbox == []


def test_login_redirects_to_my_drakentemmers(client, therapist_user):
    response = client.post(reverse("account_login"), {"login": therapist_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:my_home")


def test_password_reset_mail_goes_through_the_outbox(client, therapist_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": therapist_user.email})
    assert response.status_code == 302
    assert OutgoingEmail.objects.filter(to=[therapist_user.email], status=OutgoingEmail.Status.SENT).exists()
    path = re.sub(r"^https?://[^/]+", "", _link(mail.outbox[0].body))
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    new_password = "een-nieuw-wachtwoord-42"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    therapist_user.refresh_from_db()
    assert therapist_user.check_password(new_password)


def test_logout_goes_to_the_home_page(client_for, therapist_user):
    response = client_for(therapist_user).post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_login_switches_to_the_preferred_language(client, therapist_user):
    therapist_user.preferred_language = "en"
    therapist_user.save()
    response = client.post(reverse("account_login"), {"login": therapist_user.email, "password": PASSWORD})
    assert response.cookies["dt_language"].value == "en"
    assert "Welcome," in client.get(reverse("core:my_home")).content.decode()
