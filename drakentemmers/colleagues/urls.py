from django.urls import path

from .views import consultations, groups, supervision

app_name = "colleagues"

urlpatterns = [
    path("", groups.overview, name="overview"),
    path("intervisie/", groups.group_list, name="group_list"),
    path("intervisie/nieuw/", groups.group_create, name="group_create"),
    path("intervisie/<int:pk>/", groups.group_detail, name="group_detail"),
    path("intervisie/<int:pk>/aanmelden/", groups.group_join, name="group_join"),
    path("intervisie/<int:pk>/verlaten/", groups.group_leave, name="group_leave"),
    path("intervisie/<int:pk>/aanmeldingen/<int:membership_pk>/", groups.membership_decide, name="membership_decide"),
    path("intervisie/<int:pk>/ruimte/", groups.group_space, name="group_space"),
    path("intervisie/<int:pk>/bijeenkomsten/nieuw/", groups.meeting_create, name="meeting_create"),
    path(
        "intervisie/<int:pk>/bijeenkomsten/<int:meeting_pk>/aanwezigheid/",
        groups.meeting_attendance,
        name="meeting_attendance",
    ),
    path("intervisie/<int:pk>/agenda.ics", groups.group_calendar, name="group_calendar"),
    path("intervisie/<int:pk>/agenda/<str:token>.ics", groups.group_calendar_feed, name="group_calendar_feed"),
    path("supervisie/", supervision.supervisor_list, name="supervisor_list"),
    path("supervisie/mijn-aanbod/", supervision.supervision_offer, name="supervision_offer"),
    path("supervisie/verzoeken/", supervision.supervision_requests, name="supervision_requests"),
    path("supervisie/verzoeken/<int:pk>/", supervision.supervision_decide, name="supervision_decide"),
    path("supervisie/<int:user_pk>/aanvragen/", supervision.supervision_ask, name="supervision_ask"),
    path("casuistiek/", consultations.consultation_list, name="consultation_list"),
    path("casuistiek/nieuw/", consultations.consultation_create, name="consultation_create"),
    path("casuistiek/<int:pk>/", consultations.consultation_detail, name="consultation_detail"),
    path("casuistiek/<int:pk>/volgen/", consultations.consultation_follow, name="consultation_follow"),
    path(
        "casuistiek/<int:pk>/antwoorden/<int:reply_pk>/accepteren/",
        consultations.consultation_accept,
        name="consultation_accept",
    ),
]
