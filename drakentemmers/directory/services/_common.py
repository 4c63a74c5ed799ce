"""Shared helpers of the directory services."""

from django.conf import settings


def _site_url(path: str) -> str:
    return settings.SITE_URL + path
