from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("importeren/", views.import_upload, name="import_upload"),
    path("importeren/<int:pk>/", views.import_detail, name="import_detail"),
    path("importeren/<int:pk>/toepassen/", views.import_apply, name="import_apply"),
    path("importeren/<int:pk>/weggooien/", views.import_discard, name="import_discard"),
    path("<str:kind>/export.csv", views.division_export, name="division_export"),
]
