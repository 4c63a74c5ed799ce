"""Core's content pages (about, privacy...) written by editors in the Wagtail admin, at their own URLs."""

import pytest
from django.urls import reverse
from django.utils import translation

from drakentemmers.knowledge.models import ContentPage

pytestmark = pytest.mark.django_db


def _content_page(*, publish: bool, language: str = "nl") -> ContentPage:
    page = ContentPage(key="about", language=language, title="Over ons", body="<p>Tekst van de redactie.</p>")
    page.save()
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def test_published_content_page_replaces_the_template_at_the_same_url(client):
    _content_page(publish=True)
    body = client.get(reverse("core:about")).content.decode()
    assert "Tekst van de redactie." in body and body.count("<h1") == 1


def test_draft_content_page_is_not_shown(client):
    page = ContentPage(key="about", language="nl", title="Over ons", body="<p>Concepttekst.</p>", live=False)
    page.save()
    page.save_revision()
    body = client.get(reverse("core:about")).content.decode()
    assert "Concepttekst." not in body and "Over het platform" in body


def test_without_an_english_version_english_readers_get_the_template(client):
    _content_page(publish=True)
    client.cookies["dt_language"] = "en"
    with translation.override("en"):
        body = client.get(reverse("core:about")).content.decode()
    assert "Tekst van de redactie." not in body


def test_content_pages_go_through_the_review_workflow():
    page = _content_page(publish=False)
    assert page.get_workflow() is not None


@pytest.mark.parametrize(
    "key", ["about", "for_therapists", "for_organisations", "contact", "privacy", "accessibility", "colophon"]
)
def test_every_content_page_url_shows_the_editors_text(client, key):
    page = ContentPage(key=key, language="nl", title=f"Titel {key}", body=f"<p>Redactietekst {key}.</p>")
    page.save()
    page.save_revision().publish()
    body = client.get(reverse(f"core:{key}")).content.decode()
    assert f"Redactietekst {key}." in body and f"Titel {key}" in body


def test_a_content_page_is_published_by_a_second_editor_not_its_author(editor, second_editor, client):
    from django.core.exceptions import PermissionDenied

    from drakentemmers.knowledge import services

    for user in (editor, second_editor):
        services.editor_group_sync(user=user)
    page = ContentPage(key="about", language="nl", title="Over ons", body="<p>Nieuwe tekst.</p>", live=False)
    page.save()
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    task_state = state.current_task_state
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, editor, "approve")
    assert "Nieuwe tekst." not in client.get(reverse("core:about")).content.decode()
    task_state.task.specific.on_action(task_state, second_editor, "approve")
    page.refresh_from_db()
    assert page.live
    assert "Nieuwe tekst." in client.get(reverse("core:about")).content.decode()
