"""Moderation: who may, accept, edit for anonymity (original not kept), reject with a reason, merge, public."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.insights import services
from drakentemmers.insights.models import (
    Comment,
    Endorsement,
    ModerationAction,
    ModerationLogEntry,
    Report,
    ReportStatus,
)

from .factories import moderator, region, report, therapist

pytestmark = pytest.mark.django_db


def _url(r) -> str:
    return reverse("insights_beheer:moderate", args=[r.pk])


def _edit_data(r, **overrides) -> dict:
    data = {
        "edit-kind": r.kind,
        "edit-theme": r.theme,
        "edit-target_group": r.target_group,
        "edit-description": r.description,
        "edit-effect": r.effect,
        "edit-suggested_action": r.suggested_action,
        "edit-link": r.link,
        "edit-regions": [str(x.pk) for x in r.regions.all()],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", [Role.EDITOR, Role.VERIFIER, Role.COORDINATOR])
def test_other_roles_cannot_moderate(client_for, role):
    r = report()
    client = client_for(make_user(role, mfa=True, region=region() if role == Role.COORDINATOR else None))
    assert client.get(reverse("insights_beheer:queue")).status_code == 404
    assert client.post(_url(r), {"action": "accept", **_edit_data(r)}).status_code == 404
    assert Report.objects.get().status == ReportStatus.PENDING


def test_a_moderator_without_mfa_in_this_session_is_sent_to_the_second_factor(client_for):
    response = client_for(moderator(), mfa_passed=False).get(reverse("insights_beheer:queue"))
    assert response.status_code == 302 and "/account/" in response.url


def test_the_queue_lists_pending_reports(client_for):
    r = report()
    response = client_for(moderator()).get(reverse("insights_beheer:queue"))
    assert response.status_code == 200
    assert _url(r) in response.content.decode()


def test_accept_publishes_for_members_and_logs_it(client_for):
    r = report()
    mod = moderator()
    response = client_for(mod).post(_url(r), {"action": "accept", **_edit_data(r)})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.status == ReportStatus.ACCEPTED and not r.is_public and r.moderated_at
    assert list(r.moderation_log.values_list("action", "moderator")) == [(ModerationAction.ACCEPTED, mod.pk)]


def test_accept_and_public_in_one_step(client_for):
    r = report()
    client_for(moderator()).post(_url(r), {"action": "accept", "public": "1", **_edit_data(r)})
    r.refresh_from_db()
    assert r.is_public


def test_edit_for_anonymity_replaces_the_text_and_logs_field_names_only(client_for):
    r = report(description="In Zaandam wacht het gezin van de buurman al maanden op hulp.")
    new = "Een gezin in de regio wacht al maanden op hulp."
    response = client_for(moderator()).post(_url(r), {"action": "save", **_edit_data(r, **{"edit-description": new})})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.description == new and r.status == ReportStatus.PENDING
    entry = ModerationLogEntry.objects.get(report=r)
    assert entry.action == ModerationAction.EDITED and entry.fields_changed == "description"
    # The removed text survives nowhere in the database: not in the log, not in an audit table.
    from django.db import connection

    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the introspection)
            for row in cursor.fetchall():
                assert "buurman" not in " ".join(str(v) for v in row), table


def test_the_edit_passes_the_privacy_guard(client_for):
    r = report()
    response = client_for(moderator()).post(
        _url(r),
        {"action": "accept", **_edit_data(r, **{"edit-description": "BSN 111222333", "edit-privacy_confirm": "on"})},
    )
    assert response.status_code == 400
    r.refresh_from_db()
    assert r.status == ReportStatus.PENDING and "111222333" not in r.description


def test_reject_needs_a_reason(client_for):
    r = report()
    client = client_for(moderator())
    assert client.post(_url(r), {"action": "reject", "reject-reason": ""}).status_code == 400
    assert (
        client.post(_url(r), {"action": "reject", "reject-reason": "Geen knelpunt maar een vraag."}).status_code == 302
    )
    r.refresh_from_db()
    assert r.status == ReportStatus.REJECTED and r.rejection_reason == "Geen knelpunt maar een vraag."


def test_merge_moves_endorsements_and_comments_and_nothing_is_lost(client_for):
    target = report(accepted=True, regions=[region("VT01")])
    duplicate = report(accepted=True, regions=[region("VT20")])
    both, only_dup, only_target = therapist(), therapist("3511"), therapist()
    for user in (both, only_target):
        services.endorsement_set(report=target, user=user, endorsed=True)
    for user in (both, only_dup):
        services.endorsement_set(report=duplicate, user=user, endorsed=True)
    services.comment_add(report=duplicate, author=only_dup, body="Ook bij ons.")
    response = client_for(moderator()).post(_url(duplicate), {"action": "merge", "merge-target": target.pk})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == ReportStatus.MERGED and duplicate.merged_into == target
    assert set(Endorsement.objects.filter(report=target).values_list("user", flat=True)) == {
        both.pk,
        only_dup.pk,
        only_target.pk,
    }
    assert Comment.objects.get().report == target
    assert set(target.regions.values_list("code", flat=True)) == {"VT01", "VT20"}
    assert ModerationLogEntry.objects.filter(report=target, action=ModerationAction.ABSORBED).exists()
    # A member following an old link lands on the report that absorbed it.
    response = client_for(both).get(reverse("insights:detail", args=[duplicate.pk]))
    assert response.status_code == 302 and response.url == reverse("insights:detail", args=[target.pk])


def test_merge_into_itself_or_a_pending_report_is_refused(client_for):
    r = report(accepted=True)
    pending = report()
    client = client_for(moderator())
    assert client.post(_url(r), {"action": "merge", "merge-target": r.pk}).status_code == 400
    assert client.post(_url(r), {"action": "merge", "merge-target": pending.pk}).status_code == 400
    r.refresh_from_db()
    assert r.status == ReportStatus.ACCEPTED


def test_publish_and_unpublish_an_accepted_report(client_for):
    r = report(accepted=True)
    client = client_for(moderator())
    client.post(_url(r), {"action": "publish"})
    r.refresh_from_db()
    assert r.is_public
    client.post(_url(r), {"action": "unpublish"})
    r.refresh_from_db()
    assert not r.is_public


def test_a_pending_report_cannot_be_public():
    r = report()
    with pytest.raises(Exception):  # noqa: B017 (the service refuses with a ValidationError)
        services.report_set_public(report=r, by=None, public=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=r.pk).update(is_public=True)


def test_an_unknown_action_or_empty_post_is_no_server_error(client_for):
    r = report()
    client = client_for(moderator())
    assert client.post(_url(r), {}).status_code == 400
    assert client.post(_url(r), {"action": "explode"}).status_code == 400
