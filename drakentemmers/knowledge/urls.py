from django.urls import path

from . import feeds, views, views_promotion

app_name = "knowledge"

urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("beheer/casuistiek/", views_promotion.promotion_list, name="promotion_list"),
    path("beheer/casuistiek/<int:pk>/", views_promotion.promote, name="promote"),
    path("feed/", feeds.rss, name="feed"),
    path("feed/atom/", feeds.atom, name="feed_atom"),
    path("wekelijkse-mail/", views.digest_settings, name="digest_settings"),
]
