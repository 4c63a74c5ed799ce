"""The site row written by a migration with an explicit id must not block the next one (a duplicate key, a 500 in
the Django admin's "add site"): migration core 0006 sets the id sequence past it."""

from django.conf import settings
from django.contrib.sites.models import Site


def test_a_new_site_gets_a_fresh_id(db):
    assert Site.objects.filter(pk=settings.SITE_ID).exists()
    site = Site.objects.create(domain="tweede.example.nl", name="Tweede")
    assert site.pk != settings.SITE_ID
