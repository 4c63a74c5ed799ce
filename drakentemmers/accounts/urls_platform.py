"""Pages for the platform team under /beheer/ (next to the Django admin at /beheer/django/)."""

from django.urls import path

from . import views_access_log

app_name = "platform"

urlpatterns = [
    path("toegangslog/", views_access_log.access_log, name="access_log"),
]
