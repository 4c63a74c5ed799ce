from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("meldingen/", views.notices, name="notices"),
    path("gegevens.json", views.export, name="export"),
    path("verwijderen/", views.erase, name="erase"),
    path("uitnodigingen/", views.invitation_list, name="invitations"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
