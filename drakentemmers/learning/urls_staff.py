from django.urls import path

from . import views_staff

app_name = "learning_staff"

urlpatterns = [
    path("", views_staff.training_list, name="training_list"),
    path("nieuw/", views_staff.training_edit, name="training_create"),
    path("cijfers/", views_staff.figures, name="figures"),
    path("<int:pk>/", views_staff.training_edit, name="training_edit"),
    path("<int:pk>/sessies/", views_staff.training_parts, name="training_parts"),
    path("<int:pk>/deelnemers/", views_staff.participants, name="participants"),
    path("<int:pk>/evaluaties/", views_staff.evaluations, name="evaluations"),
]
