"""The admin gate, the editors' group and review by a second editor."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.knowledge import services
from drakentemmers.knowledge.models import KnowledgeArticlePage

pytestmark = pytest.mark.django_db


def test_admin_sends_anonymous_to_the_platform_login_never_its_own_form(client):
    for url in ("/redactie/", "/redactie/login/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_admin_is_for_editors_with_mfa_only():
    assert logged_in_client(make_user(Role.MODERATOR, mfa=True)).get("/redactie/").status_code == 404
    assert logged_in_client(make_user(Role.THERAPIST)).get("/redactie/").status_code == 404
    no_mfa = logged_in_client(make_user(Role.EDITOR)).get("/redactie/")
    assert (no_mfa.status_code == 302 and "mfa" in no_mfa["Location"]) or "2fa" in no_mfa["Location"]
    assert logged_in_client(make_user(Role.EDITOR, mfa=True)).get("/redactie/").status_code == 200


def test_editor_group_follows_the_role(editor):
    logged_in_client(editor).get("/redactie/")
    assert editor.groups.filter(name=services.EDITORS_GROUP).exists()
    editor.role_grants.all().delete()
    editor.__dict__.pop("roles", None)
    assert services.editor_groups_sync_all() == 1
    assert not editor.groups.filter(name=services.EDITORS_GROUP).exists()


def test_editors_cannot_publish_directly(editor):
    services.editor_group_sync(user=editor)
    page = services.knowledge_article_draft_create(editor=editor, title="Concept", intro="", body="x", source_note="")
    permissions = page.permissions_for_user(editor)
    assert permissions.can_edit() and not permissions.can_publish()


def test_second_editor_approves_and_the_author_cannot(editor, second_editor):
    for user in (editor, second_editor):
        services.editor_group_sync(user=user)
    page = services.knowledge_article_draft_create(editor=editor, title="Te keuren", intro="", body="x", source_note="")
    workflow = page.get_workflow()
    assert workflow is not None
    state = workflow.start(page, editor)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(page, editor) == []
    assert task.get_actions(page, second_editor)
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, editor, "approve")
    task.on_action(task_state, second_editor, "approve")
    page = KnowledgeArticlePage.objects.get(pk=page.pk)
    assert page.live


def test_revisions_and_history_record_who_wrote_submitted_approved_and_published(editor, second_editor):
    """'Who changed what': every revision keeps its author, and the history names the approver and publisher."""
    from wagtail.models import PageLogEntry

    for user in (editor, second_editor):
        services.editor_group_sync(user=user)
    page = services.knowledge_article_draft_create(
        editor=editor, title="Geschiedenis", intro="", body="x", source_note=""
    )
    page.title = "Geschiedenis, herzien"
    page.save_revision(user=editor, log_action=True)
    state = page.get_workflow().start(page, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, second_editor, "approve")
    page = KnowledgeArticlePage.objects.get(pk=page.pk)
    assert page.live and page.title == "Geschiedenis, herzien"
    assert [r.user for r in page.revisions.order_by("created_at")] == [editor, editor]
    actions = {(entry.action, entry.user_id) for entry in PageLogEntry.objects.filter(page=page)}
    assert ("wagtail.edit", editor.pk) in actions
    assert ("wagtail.workflow.start", editor.pk) in actions
    assert ("wagtail.workflow.approve", second_editor.pk) in actions
    assert ("wagtail.publish", second_editor.pk) in actions


def test_history_page_in_the_admin_shows_the_approver(editor, second_editor):
    for user in (editor, second_editor):
        services.editor_group_sync(user=user)
    page = services.knowledge_article_draft_create(editor=editor, title="Te volgen", intro="", body="x", source_note="")
    state = page.get_workflow().start(page, editor)
    state.current_task_state.task.specific.on_action(state.current_task_state, second_editor, "approve")
    response = logged_in_client(editor).get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert response.status_code == 200
    assert second_editor.get_full_name() in response.content.decode()
