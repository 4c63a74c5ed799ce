"""Writes: reporting, moderation (accept, edit for anonymity, merge, reject, show publicly), endorsement, comments.

Every free text passes `privacy_assert_storable` here as well as in the form. A report stores no user, no
e-mail address and no IP address (models docstring). Moderation writes a ModerationLogEntry in the same
transaction, naming what was done and which fields changed, never the text that was removed.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.accounts.models import Role, User
from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_queue_template
from drakentemmers.regions.models import Region

from .models import Comment, Endorsement, ModerationAction, ModerationLogEntry, Report, ReportStatus
from .selectors import member_region

TEXT_FIELDS = ("description", "effect", "suggested_action")
EDITABLE_FIELDS = ("kind", "theme", "target_group", *TEXT_FIELDS, "link")


def _log(report: Report, action: str, by, *, fields_changed: str = "", other: Report | None = None) -> None:
    ModerationLogEntry.objects.create(
        report=report, action=action, moderator=by, fields_changed=fields_changed, other_report=other
    )


@transaction.atomic
def report_submit(*, data: dict, submitter_role: str, submitter_region: Region | None = None) -> Report:
    """Store a new report, waiting for moderation. `data` holds the form fields; nothing about the sender but
    the role and (for a logged-in member) the reporting-unit region."""
    privacy_assert_storable({name: data.get(name) or "" for name in TEXT_FIELDS})
    report = Report(
        **{name: data.get(name) or "" for name in EDITABLE_FIELDS},
        submitter_role=submitter_role,
        submitter_region=submitter_region,
    )
    report.full_clean()
    report.save()
    report.regions.set(data.get("regions") or [])
    return report


def _require_moderatable(report: Report) -> None:
    if report.status == ReportStatus.MERGED:
        raise ValidationError(_("This report was merged into another one and can no longer be changed."))


@transaction.atomic
def report_edit(*, report: Report, data: dict, by) -> list[str]:
    """Overwrite the report with the moderator's version (the old text is not kept); return the changed fields."""
    _require_moderatable(report)
    privacy_assert_storable({name: data.get(name) or "" for name in TEXT_FIELDS})
    changed = [name for name in EDITABLE_FIELDS if (data.get(name) or "") != getattr(report, name)]
    for name in changed:
        setattr(report, name, data.get(name) or "")
    regions = list(data.get("regions") or [])
    if {r.pk for r in regions} != set(report.regions.values_list("pk", flat=True)):
        report.regions.set(regions)
        changed.append("regions")
    if changed:
        report.full_clean()
        report.save()
        _log(report, ModerationAction.EDITED, by, fields_changed=", ".join(changed))
    return changed


@transaction.atomic
def report_accept(*, report: Report, by, public: bool = False) -> Report:
    _require_moderatable(report)
    report.status = ReportStatus.ACCEPTED
    report.rejection_reason = ""
    report.moderated_at = timezone.now()
    report.save(update_fields=["status", "rejection_reason", "moderated_at"])
    _log(report, ModerationAction.ACCEPTED, by)
    if public != report.is_public:
        report_set_public(report=report, by=by, public=public)
    return report


@transaction.atomic
def report_set_public(*, report: Report, by, public: bool) -> Report:
    if public and report.status != ReportStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted report can be shown publicly."))
    if report.is_public != public:
        report.is_public = public
        report.save(update_fields=["is_public"])
        _log(report, ModerationAction.PUBLISHED if public else ModerationAction.UNPUBLISHED, by)
    return report


@transaction.atomic
def report_reject(*, report: Report, by, reason: str) -> Report:
    _require_moderatable(report)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the rejection.")})
    privacy_assert_storable({"reason": reason})
    report.status = ReportStatus.REJECTED
    report.is_public = False
    report.rejection_reason = reason
    report.moderated_at = timezone.now()
    report.save(update_fields=["status", "is_public", "rejection_reason", "moderated_at"])
    _log(report, ModerationAction.REJECTED, by)
    return report


@transaction.atomic
def report_merge(*, source: Report, target: Report, by) -> Report:
    """`target` absorbs the duplicate `source`: endorsements, comments and regions move; nothing is lost.

    A member who endorsed both keeps one endorsement (on the target). The source stays as a record that
    points to the target, so old links lead on to it.
    """
    _require_moderatable(source)
    if target.pk == source.pk or target.status != ReportStatus.ACCEPTED:
        raise ValidationError({"target": _("Choose another, accepted report to merge into.")})
    already = Endorsement.objects.filter(report=target).values("user_id")
    Endorsement.objects.filter(report=source, user_id__in=already).delete()
    Endorsement.objects.filter(report=source).update(report=target)
    Comment.objects.filter(report=source).update(report=target)
    target.regions.add(*source.regions.all())
    source.status = ReportStatus.MERGED
    source.is_public = False
    source.merged_into = target
    source.moderated_at = timezone.now()
    source.save(update_fields=["status", "is_public", "merged_into", "moderated_at"])
    _log(source, ModerationAction.MERGED, by, other=target)
    _log(target, ModerationAction.ABSORBED, by, other=source)
    return target


@transaction.atomic
def endorsement_set(*, report: Report, user, endorsed: bool) -> bool:
    """'Dit herken ik' on or off, idempotent (a double click changes nothing); returns whether it is on."""
    if report.status != ReportStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted report can be endorsed."))
    if not endorsed:
        Endorsement.objects.filter(report=report, user=user).delete()
        return False
    if not Endorsement.objects.filter(report=report, user=user).exists():
        Endorsement.objects.get_or_create(report=report, user=user, defaults={"region": member_region(user)})
    return True


@transaction.atomic
def comment_add(*, report: Report, author, body: str) -> Comment:
    if report.status != ReportStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted report can get comments."))
    privacy_assert_storable({"body": body})
    comment = Comment(report=report, author=author, body=body)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def moderation_digest_send(*, now: datetime | None = None) -> int:
    """Tell the moderators (administrators when there are none) how many new reports wait; return that number.

    Idempotent: the reports announced are marked in the same transaction, so a second run (or a run the
    scheduler caught up) sends nothing. The mail holds a count and a link, never a report's text.
    """
    now = now or timezone.now()
    new = list(
        Report.objects.select_for_update(skip_locked=True)
        .filter(status=ReportStatus.PENDING, moderators_notified_at__isnull=True)
        .values_list("pk", flat=True)
    )
    if not new:
        return 0
    Report.objects.filter(pk__in=new).update(moderators_notified_at=now)
    waiting = Report.objects.filter(status=ReportStatus.PENDING).count()
    recipients = User.objects.filter(is_active=True, role_grants__role=Role.MODERATOR).distinct()
    if not recipients.exists():
        recipients = User.objects.filter(is_active=True, role_grants__role=Role.ADMINISTRATOR).distinct()
    url = settings.SITE_URL + reverse("insights_beheer:queue")
    for user in recipients:
        email_queue_template(
            to=[user.email],
            template_prefix="insights/email/moderation_digest",
            context={"new": len(new), "waiting": waiting, "url": url},
            language=user.preferred_language,
        )
    return len(new)
