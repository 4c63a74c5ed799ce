from django.contrib import admin
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from drakentemmers.api import views as api_views
from drakentemmers.api.api import api_urls

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("allauth.urls")),
    path("mijn-account/api-tokens/", include("drakentemmers.api.urls")),
    path("mijn-account/", include("drakentemmers.accounts.urls")),
    path("beheer/django/", admin.site.urls),
    path("beheer/signalen/", include("drakentemmers.insights.urls_moderation")),
    path("beheer/keurmerk/", include("drakentemmers.quality.urls_team")),
    path("", include("drakentemmers.surveys.urls")),
    path("beheer/scholing/", include("drakentemmers.learning.urls_staff")),
    path("beheer/", include("drakentemmers.accounts.urls_platform")),
    path("netwerk/", include("drakentemmers.directory.urls")),
    path("berichten/", include("drakentemmers.conversations.urls")),
    path("werving/", include("drakentemmers.recruitment.urls")),
    path("collegas/", include("drakentemmers.colleagues.urls")),
    path("keurmerk/", include("drakentemmers.quality.urls")),
    path("dashboard/", include("drakentemmers.dashboard.urls")),
    path("hulpvragen/", include("drakentemmers.matching.urls")),
    path("signalen/", include("drakentemmers.insights.urls")),
    path("scholing/", include("drakentemmers.learning.urls")),
    path("beheer/regio-indelingen/", include("drakentemmers.regions.urls")),
    path("api/v1/", api_urls()),
    path("api/docs", api_views.docs, name="api_docs"),
    # The knowledge base: Wagtail's admin for editors (behind knowledge.middleware), documents through a
    # view that checks the pages using them, our search and feeds, then Wagtail's page tree at /kennis/.
    path("redactie/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("kennis/", include("drakentemmers.knowledge.urls")),
    path("kennis/", include("drakentemmers.knowledge.urls_wagtail")),
    path("", include("drakentemmers.core.urls")),
]

handler404 = "drakentemmers.core.errors.page_not_found"
handler500 = "drakentemmers.core.errors.server_error"
