"""Writes of the knowledge base: editor group membership, drafts from case consultation, the weekly digest."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_queue_template

from . import permissions, selectors
from .models import DigestSubscription, KnowledgeArticlePage, Visibility

# The Wagtail group that carries the editors' page, document and snippet permissions (created by migration 0002).
EDITORS_GROUP = "Redactie"
DIGEST_INTERVAL = timedelta(days=7)
DIGEST_MAX_ITEMS = 20
TITLE_MAX_LENGTH = 255


def knowledge_site_ensure() -> None:
    """The index page, site, editors' group and workflow of migration 0002, back on a flushed database
    (tests with transactional_db, the live server of the browser tests). Idempotent; a no-op normally."""
    import importlib

    from django.apps import apps
    from wagtail.models import WorkflowPage

    from .models import KnowledgeIndexPage

    index = KnowledgeIndexPage.objects.first()
    if (
        index is not None
        and Group.objects.filter(name=EDITORS_GROUP).exists()
        and WorkflowPage.objects.filter(page_id=index.pk).exists()
    ):
        return
    importlib.import_module("drakentemmers.knowledge.migrations.0002_knowledge_site_editors_workflow").forwards(
        apps, None
    )
    importlib.import_module("drakentemmers.knowledge.migrations.0004_contentpage").editors_and_review(apps, None)


def editor_group_sync(*, user) -> bool:
    """Put a user with an editorial role in the editors' group, and take anyone without one out of it.

    Called by the /redactie/ gate on every admin request (one indexed query when nothing changes) and by
    `editor_groups_sync_all` for role changes made elsewhere. Returns whether membership changed.
    """
    should = permissions.can_edit_knowledge(user)
    is_in = user.groups.filter(name=EDITORS_GROUP).exists()
    if should == is_in:
        return False
    group = Group.objects.get(name=EDITORS_GROUP)
    if should:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    return True


def editor_groups_sync_all() -> int:
    """Take users whose editorial role was revoked out of the editors' group (no review mails, no admin)."""
    from drakentemmers.accounts.models import User

    changed = 0
    for user in User.objects.filter(groups__name=EDITORS_GROUP):
        changed += editor_group_sync(user=user)
    return changed


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


@transaction.atomic
def knowledge_article_draft_create(
    *, editor, title: str, intro: str, body: str, source_note: str
) -> KnowledgeArticlePage:
    """An unpublished knowledge article in the knowledge index, from text an editor took over (e.g. an
    accepted answer in case consultation). Stores no poster identity: only what is passed here, owned by
    the editor. Members-only until the editor decides otherwise; goes through review before publication.

    Raises ValidationError for an empty title or text that looks like it identifies a client, and
    PermissionDenied when `editor` may not edit knowledge.
    """
    from django.core.exceptions import PermissionDenied

    if not permissions.can_edit_knowledge(editor):
        raise PermissionDenied(_("Only editors can create knowledge articles."))
    title = (title or "").strip()[:TITLE_MAX_LENGTH]
    if not title or not (body or "").strip():
        raise ValidationError(_("A knowledge article needs a title and a text."))
    privacy_assert_storable({"title": title, "intro": intro, "body": body})
    index = selectors.knowledge_index()
    page = KnowledgeArticlePage(
        title=title,
        slug=_free_slug(index, title),
        intro=(intro or "").strip() or title,
        body=[("paragraph", _paragraphs(body))],
        source_note=source_note,
        visibility=Visibility.MEMBERS,
        owner=editor,
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision(user=editor, log_action=True)
    return page


def _free_slug(parent, title: str) -> str:
    base = slugify(title)[:60] or "artikel"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def digest_subscription_set(*, user, active: bool) -> DigestSubscription:
    """Opt in to (or out of) the weekly digest. Opting in does not send the last week's items again."""
    subscription, created = DigestSubscription.objects.get_or_create(
        user=user, defaults={"active": active, "last_sent_at": timezone.now()}
    )
    if not created and subscription.active != active:
        subscription.active = active
        if active:
            subscription.last_sent_at = timezone.now()
        subscription.save(update_fields=["active", "last_sent_at"])
    return subscription


def knowledge_digests_send(*, now: datetime | None = None) -> int:
    """Mail every subscriber whose last digest is a week old the new items they may read (through the outbox).

    Idempotent: `last_sent_at` moves in the same transaction as the queued mail, so a second run in the same
    week sends nothing. A week without new items sends no mail but still moves on. Returns mails queued.
    """
    now = now or timezone.now()
    due = DigestSubscription.objects.filter(active=True, user__is_active=True).filter(
        last_sent_at__lte=now - DIGEST_INTERVAL + timedelta(hours=1)
    ) | DigestSubscription.objects.filter(active=True, user__is_active=True, last_sent_at__isnull=True)
    sent = 0
    for subscription_id in due.values_list("pk", flat=True):
        sent += _digest_send_one(subscription_id=subscription_id, now=now)
    return sent


@transaction.atomic
def _digest_send_one(*, subscription_id: int, now: datetime) -> int:
    subscription = (
        DigestSubscription.objects.select_for_update().select_related("user").filter(pk=subscription_id).first()
    )
    if subscription is None or not subscription.active:
        return 0
    since = subscription.last_sent_at or now - DIGEST_INTERVAL
    if since > now - DIGEST_INTERVAL + timedelta(hours=1):
        return 0
    items = selectors.new_items_since(viewer=subscription.user, since=since, limit=DIGEST_MAX_ITEMS)
    subscription.last_sent_at = now
    subscription.save(update_fields=["last_sent_at"])
    if not items:
        return 0
    email_queue_template(
        to=[subscription.user.email],
        template_prefix="knowledge/email/digest",
        context={"items": items, "user": subscription.user},
        language=subscription.user.preferred_language,
    )
    return 1
