from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("melden/", views.submit, name="submit"),
    path("melden/bedankt/", views.thanks, name="thanks"),
    path("openbaar/", views.public_list, name="public_list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/herken-ik/", views.endorse, name="endorse"),
]
