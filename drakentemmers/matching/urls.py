from django.urls import path

from .views import handover, metrics, organisation, shared, therapist, threads

app_name = "matching"

urlpatterns = [
    path("", organisation.request_list, name="request_list"),
    path("nieuw/", organisation.request_create, name="request_create"),
    path("nieuw/structureel/", organisation.request_create, {"structural": True}, name="request_create_structural"),
    path("<int:pk>/", shared.request_detail, name="request_detail"),
    path("<int:pk>/bewerken/", organisation.request_edit, name="request_edit"),
    path("<int:pk>/publiceren/", organisation.request_publish, name="request_publish"),
    path("<int:pk>/status/<slug:action>/", organisation.request_status, name="request_status"),
    path("<int:pk>/overdracht/", handover.handover, name="handover"),
    path("<int:pk>/overdracht.pdf", handover.handover_pdf, name="handover_pdf"),
    path("<int:pk>/kandidaten/", organisation.candidates, name="candidates"),
    path("<int:pk>/kandidaten/<int:therapist_pk>/", organisation.candidate_profile, name="candidate_profile"),
    path("<int:pk>/aanbieden/", therapist.offer, name="offer"),
    path("uitnodigingen/", therapist.inbox, name="inbox"),
    path("uitnodigen-vanuit-zoeken/", organisation.invite_from_search, name="invite_from_search"),
    path("cijfers/", metrics.metrics, name="metrics"),
    path("cijfers/export.csv", metrics.metrics_csv, name="metrics_csv"),
    path("passend/", therapist.fitting_requests, name="fitting"),
    path("uitnodiging/<int:pk>/accepteren/", therapist.candidacy_accept, name="candidacy_accept"),
    path("uitnodiging/<int:pk>/afwijzen/", therapist.candidacy_decline, name="candidacy_decline"),
    path("uitnodiging/<int:pk>/bevestigen/", organisation.candidacy_confirm, name="candidacy_confirm"),
    path("uitnodiging/<int:pk>/aanbod-afwijzen/", organisation.offer_decline, name="offer_decline"),
    path("uitnodiging/<int:pk>/berichten/", threads.thread, name="thread"),
]
