from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("agenda.ics", views.calendar_ics, name="calendar_ics"),
    path("<int:pk>/", views.training_detail, name="training_detail"),
    path("mijn/", views.my_trainings, name="my_trainings"),
    path("mijn/agenda-vernieuwen/", views.calendar_token_reset, name="calendar_token_reset"),
    path("mijn/<str:token>.ics", views.my_ics, name="my_ics"),
    path("inschrijving/<int:pk>/annuleren/", views.enrolment_cancel, name="enrolment_cancel"),
    path("inschrijving/<int:pk>/plaats-accepteren/", views.offer_accept, name="offer_accept"),
    path("inschrijving/<int:pk>/certificaat.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("inschrijving/<int:pk>/evaluatie/", views.evaluate, name="evaluate"),
    path("certificaat/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("sessie/<int:pk>/aanwezigheid/", views.attendance, name="attendance"),
]
