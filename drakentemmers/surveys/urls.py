from django.urls import path

from . import views, views_results

app_name = "surveys"

urlpatterns = [
    path("vragenlijsten/", views.my_questionnaires, name="mine"),
    path("vragenlijsten/<str:token>/", views.answer, name="answer"),
    path("beheer/vragenlijsten/", views.manage_list, name="manage"),
    path("beheer/vragenlijsten/nieuw/", views.manage_create, name="create"),
    path("beheer/vragenlijsten/<int:pk>/", views.builder, name="builder"),
    path("beheer/vragenlijsten/<int:pk>/instellingen/", views.manage_edit, name="edit"),
    path("beheer/vragenlijsten/<int:pk>/vraag/<int:question_pk>/", views.question_edit, name="question_edit"),
    path(
        "beheer/vragenlijsten/<int:pk>/onderdeel/<int:section_pk>/verwijderen/",
        views.section_delete,
        name="section_delete",
    ),
    path("beheer/vragenlijsten/<int:pk>/resultaten/", views_results.results, name="results"),
    path("beheer/vragenlijsten/<int:pk>/resultaten.csv", views_results.export_csv, name="export_csv"),
    path("beheer/vragenlijsten/<int:pk>/resultaten.xlsx", views_results.export_xlsx, name="export_xlsx"),
]
