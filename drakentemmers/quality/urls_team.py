"""The platform team's quality-mark pages under /beheer/keurmerk/."""

from django.urls import path

from . import views

app_name = "quality_team"

urlpatterns = [
    path("", views.team_marks, name="marks"),
    path("keurmerken/<int:pk>/", views.team_mark, name="mark"),
    path("keurmerken/<int:pk>/weer-toekennen/", views.team_mark_allow, name="mark_allow"),
    path("criteria/", views.team_criteria, name="criteria"),
    path("criteria/<int:pk>/", views.team_criterion_edit, name="criterion_edit"),
    path("beoordelingen/", views.team_reviews, name="reviews"),
    path("beoordelingen/<int:pk>/", views.team_review_decide, name="review_decide"),
]
