from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("over/", views.static_page("core/about.html"), name="about"),
    path("voor-behandelaars/", views.static_page("core/for_therapists.html"), name="for_therapists"),
    path("voor-organisaties/", views.static_page("core/for_organisations.html"), name="for_organisations"),
    path("contact/", views.static_page("core/contact.html"), name="contact"),
    path("privacy/", views.static_page("core/privacy.html"), name="privacy"),
    path("toegankelijkheid/", views.static_page("core/accessibility.html"), name="accessibility"),
    path("colofon/", views.static_page("core/colophon.html"), name="colophon"),
    path("mijn/", views.my_home, name="my_home"),
    path("health/", views.health, name="health"),
]
