from django.urls import path

from . import views, views_moderation

app_name = "insights_beheer"

urlpatterns = [
    path("", views_moderation.moderation_queue, name="queue"),
    path("<int:pk>/", views_moderation.moderate, name="moderate"),
    path("rapportage/", views.policy_report, name="policy_report"),
    path("rapportage/pdf/", views.policy_report_pdf, name="policy_report_pdf"),
    path("rapportage/xlsx/", views.policy_report_xlsx, name="policy_report_xlsx"),
]
