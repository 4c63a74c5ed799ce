from django.urls import path

from .views import messages, organisations, search, therapists, verification

app_name = "directory"

urlpatterns = [
    # Search ("Vind een Drakentemmer") and the public figures
    path("zoeken/", search.therapist_search, name="search"),
    path("in-cijfers/", search.public_network, name="public_network"),
    # Therapist sign-up wizard and own profile
    path("behandelaar/aanmelden/", therapists.therapist_start, name="therapist_start"),
    path("mijn-profiel/", therapists.my_profile, name="my_profile"),
    path("mijn-profiel/stap/<slug:step>/", therapists.therapist_step, name="therapist_step"),
    path("mijn-profiel/controleren/", therapists.therapist_review, name="therapist_review"),
    path("mijn-profiel/beschikbaarheid/", therapists.availability, name="availability"),
    # Profiles as others see them
    path("behandelaars/<int:pk>/", therapists.therapist_detail, name="therapist_detail"),
    path("behandelaars/<int:pk>/foto/", therapists.therapist_photo, name="therapist_photo"),
    path("behandelaars/<int:pk>/contact/", therapists.therapist_contact, name="therapist_contact"),
    path("behandelaars/<int:pk>/miniprofiel/", therapists.therapist_public, name="therapist_public"),
    # Messages
    path("berichten/", messages.inbox, name="inbox"),
    path("berichten/<int:pk>/", messages.conversation_detail, name="conversation_detail"),
    # Organisations
    path("organisaties/aanmelden/", organisations.organisation_create, name="organisation_create"),
    path("organisaties/mijn/", organisations.organisation_mine, name="organisation_mine"),
    path("organisaties/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path(
        "organisaties/uitnodiging/<str:token>/",
        organisations.organisation_invitation_accept,
        name="organisation_invitation_accept",
    ),
    # Verification by the platform team
    path("verificatie/", verification.verification_queue, name="verification_queue"),
    path("verificatie/behandelaars/<int:pk>/", verification.verification_therapist, name="verification_therapist"),
    path(
        "verificatie/organisaties/<int:pk>/", verification.verification_organisation, name="verification_organisation"
    ),
]
