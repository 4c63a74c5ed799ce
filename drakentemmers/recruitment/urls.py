from django.urls import path

from . import views

app_name = "recruitment"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("overzicht.csv", views.overview_csv, name="overview_csv"),
    path("doelen/", views.targets, name="targets"),
    path("uitnodigen/", views.invite, name="invite"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("uitnodiging/<str:token>/aanmelden/", views.invitation_signup, name="invitation_signup"),
    path("herinneringen-uit/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
