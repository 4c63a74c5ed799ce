from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("allauth.urls")),
    path("mijn-account/", include("drakentemmers.accounts.urls")),
    path("beheer/django/", admin.site.urls),
    path("beheer/", include("drakentemmers.accounts.urls_platform")),
    path("netwerk/", include("drakentemmers.directory.urls")),
    path("berichten/", include("drakentemmers.conversations.urls")),
    path("werving/", include("drakentemmers.recruitment.urls")),
    path("hulpvragen/", include("drakentemmers.matching.urls")),
    path("beheer/regio-indelingen/", include("drakentemmers.regions.urls")),
    path("", include("drakentemmers.core.urls")),
]

handler404 = "drakentemmers.core.errors.page_not_found"
handler500 = "drakentemmers.core.errors.server_error"
