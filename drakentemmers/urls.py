from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("allauth.urls")),
    path("mijn-account/", include("drakentemmers.accounts.urls")),
    path("beheer/django/", admin.site.urls),
    path("netwerk/", include("drakentemmers.directory.urls")),
    path("hulpvragen/", include("drakentemmers.matching.urls")),
    path("", include("drakentemmers.core.urls")),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler404 = "drakentemmers.core.errors.page_not_found"
handler500 = "drakentemmers.core.errors.server_error"
