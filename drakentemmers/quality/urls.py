from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    path("", views.my_mark, name="my_mark"),
    path("verklaring/", views.declaration, name="declaration"),
    path("beoordeling/<int:pk>/", views.review_request, name="review_request"),
    path("controle/<str:code>/", views.verify, name="verify"),
]
