"""Scheduled publishing: a page approved for a moment goes live when the scheduled job runs after it, not before."""

from datetime import timedelta

import pytest
from django.utils import timezone

from drakentemmers.core.scheduling import jobs
from drakentemmers.knowledge import selectors, services
from drakentemmers.knowledge.models import KnowledgeArticlePage, Visibility
from drakentemmers.knowledge.tasks import scheduled_pages_publish

pytestmark = pytest.mark.django_db


def _scheduled(go_live_at, slug):
    services.knowledge_site_ensure()
    page = KnowledgeArticlePage(
        title="Nieuw onderzoek naar gehechtheid", slug=slug, intro="Kort.", visibility=Visibility.PUBLIC
    )
    page.live = False
    selectors.knowledge_index().add_child(instance=page)
    revision = page.save_revision()
    revision.approved_go_live_at = go_live_at
    revision.save()
    return page


def test_a_scheduled_page_goes_live_when_its_moment_has_passed():
    later = _scheduled(timezone.now() + timedelta(hours=2), "later")
    scheduled_pages_publish.call()
    later.refresh_from_db()
    assert not later.live
    due = _scheduled(timezone.now() - timedelta(minutes=1), "nu")
    scheduled_pages_publish.call()
    due.refresh_from_db()
    assert due.live


def test_the_job_runs_every_ten_minutes():
    job = next(job for job in jobs() if job.name == "knowledge_scheduled_publish")
    assert job.cron == "*/10 * * * *"
