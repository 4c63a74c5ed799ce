"""App config for the Django admin with the platform's admin site (see accounts.admin_site).

A module of its own: INSTALLED_APPS imports it before models are ready, and accounts/apps.py must
keep exactly one default AppConfig.
"""

from django.contrib.admin.apps import AdminConfig


class PlatformAdminConfig(AdminConfig):
    """Replaces "django.contrib.admin" in INSTALLED_APPS so that `admin.site` is the PlatformAdminSite."""

    default_site = "drakentemmers.accounts.admin_site.PlatformAdminSite"
