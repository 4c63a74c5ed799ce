from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("kaart/", views.coverage, name="coverage"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("jaarverslag.pdf", views.annual_report, name="annual_report"),
    path("doelen/", views.targets, name="targets"),
]
