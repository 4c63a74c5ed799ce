"""Every page type × visibility × viewer, and the same rule for lists, search, feed and documents."""

import pytest
from django.urls import reverse

from drakentemmers.accounts.tests.factories import logged_in_client
from drakentemmers.knowledge.models import KNOWLEDGE_PAGE_MODELS, KnowledgeArticlePage, ToolPage, Visibility

from .factories import document, publish

pytestmark = pytest.mark.django_db

# (visibility, viewer) -> status: anonymous is sent to the login, a logged-in non-member gets a 404.
EXPECTED = {
    (Visibility.PUBLIC, "anonymous"): 200,
    (Visibility.PUBLIC, "non_member"): 200,
    (Visibility.PUBLIC, "member"): 200,
    (Visibility.LOGGED_IN, "anonymous"): 302,
    (Visibility.LOGGED_IN, "non_member"): 200,
    (Visibility.LOGGED_IN, "member"): 200,
    (Visibility.MEMBERS, "anonymous"): 302,
    (Visibility.MEMBERS, "non_member"): 404,
    (Visibility.MEMBERS, "member"): 200,
}


def _client(request, viewer: str):
    if viewer == "anonymous":
        return logged_in_client(None)
    return logged_in_client(request.getfixturevalue(viewer))


@pytest.mark.parametrize("model", KNOWLEDGE_PAGE_MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize(("visibility", "viewer"), list(EXPECTED), ids=lambda v: str(v))
def test_page_is_served_by_visibility(request, model, visibility, viewer):
    page = publish(model, visibility=visibility, title=f"Pagina {model.__name__}")
    response = _client(request, viewer).get(page.url)
    assert response.status_code == EXPECTED[(visibility, viewer)]
    if response.status_code == 200:
        assert page.title in response.content.decode()
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("account_login"))
    if response.status_code == 404:
        assert page.intro not in response.content.decode()


def test_members_only_page_is_not_listed_searched_or_in_the_feed_for_others(request, member, non_member):
    publish(ToolPage, visibility=Visibility.MEMBERS, title="Geheime draaktool", intro="Over de draaktool.")
    publish(ToolPage, visibility=Visibility.PUBLIC, title="Open draaktool", intro="Over de open draaktool.")
    for viewer in ("anonymous", "non_member"):
        client = _client(request, viewer)
        for url in (
            reverse("knowledge:search"),
            reverse("knowledge:search") + "?q=draaktool",
            "/kennis/",
            reverse("knowledge:feed"),
            reverse("knowledge:feed_atom"),
        ):
            body = client.get(url).content.decode()
            assert "Open draaktool" in body, url
            assert "Geheime draaktool" not in body, (viewer, url)
    body = logged_in_client(member).get(reverse("knowledge:search") + "?q=draaktool").content.decode()
    assert "Geheime draaktool" in body
    # The feed is for anonymous readers: members-only items never, whoever asks.
    assert "Geheime draaktool" not in logged_in_client(member).get(reverse("knowledge:feed")).content.decode()


def test_logged_in_page_is_listed_for_accounts_not_for_anonymous(request, non_member):
    publish(ToolPage, visibility=Visibility.LOGGED_IN, title="Tool voor accounts")
    assert "Tool voor accounts" not in _client(request, "anonymous").get("/kennis/").content.decode()
    assert "Tool voor accounts" in logged_in_client(non_member).get("/kennis/").content.decode()


@pytest.mark.parametrize(
    ("visibility", "viewer", "status"),
    [
        (Visibility.MEMBERS, "anonymous", 302),
        (Visibility.MEMBERS, "non_member", 404),
        (Visibility.MEMBERS, "member", 200),
        (Visibility.MEMBERS, "editor", 200),
        (Visibility.PUBLIC, "anonymous", 200),
        (Visibility.LOGGED_IN, "anonymous", 302),
        (Visibility.LOGGED_IN, "non_member", 200),
    ],
)
def test_document_follows_the_visibility_of_the_page_using_it(request, visibility, viewer, status):
    file = document()
    publish(ToolPage, visibility=visibility, title="Tool met bestand", document=file)
    response = _client(request, viewer).get(file.url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("account_login"))
    if status == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_document_in_the_body_of_a_members_page_is_members_only(request, member, non_member):
    file = document("in-de-tekst.pdf")
    publish(
        ToolPage,
        visibility=Visibility.MEMBERS,
        title="Tool met bijlage",
        body=[("document", {"document": file, "description": ""})],
    )
    assert logged_in_client(non_member).get(file.url).status_code == 404
    assert logged_in_client(member).get(file.url).status_code == 200


def test_unused_document_is_not_downloadable(request, non_member, member):
    file = document("los.pdf")
    assert _client(request, "anonymous").get(file.url).status_code == 302
    assert logged_in_client(member).get(file.url).status_code == 404


def test_a_draft_of_a_public_page_does_not_open_a_file(request):
    """Only live content counts: a file attached in an unpublished draft stays closed."""
    page = publish(ToolPage, visibility=Visibility.PUBLIC, title="Openbare tool")
    file = document("concept.pdf")
    page.document = file
    page.save_revision()
    assert _client(request, "anonymous").get(file.url).status_code == 302


def test_media_url_is_not_served(client):
    file = document("direct.pdf")
    assert client.get(f"/media/{file.file.name}").status_code == 404


def _linking(file) -> str:
    return f'<p>Zie <a linktype="document" id="{file.pk}">het werkblad</a>.</p>'


@pytest.mark.parametrize(
    ("visibility", "viewer", "status"),
    [
        (Visibility.PUBLIC, "anonymous", 200),
        (Visibility.MEMBERS, "anonymous", 302),
        (Visibility.MEMBERS, "non_member", 404),
        (Visibility.MEMBERS, "member", 200),
    ],
)
def test_document_linked_in_a_paragraph_follows_the_page(request, visibility, viewer, status):
    """A file linked inside a paragraph (rich text), not only a document block, opens with its page."""
    file = document("in-een-alinea.pdf")
    publish(KnowledgeArticlePage, visibility=visibility, title="Alinea met link", body=[("paragraph", _linking(file))])
    assert _client(request, viewer).get(file.url).status_code == status


def test_document_linked_from_a_published_content_page_is_public(client):
    from drakentemmers.knowledge.models import ContentPage

    file = document("privacyreglement.pdf")
    page = ContentPage(key="privacy", language="nl", title="Privacy", body=_linking(file), live=False)
    page.save()
    page.save_revision()
    assert client.get(file.url).status_code == 302  # a draft opens nothing
    page.get_latest_revision().publish()
    assert client.get(file.url).status_code == 200


def test_members_only_method_page_is_not_linked_from_a_public_profile(client, member):
    from drakentemmers.directory.tests.factories import TherapistProfileFactory, method
    from drakentemmers.knowledge.models import MethodPage

    emdr = method("emdr")
    page = publish(MethodPage, title="EMDR voor leden", method=emdr, visibility=Visibility.MEMBERS)
    therapist = TherapistProfileFactory(methods=["emdr"], public_profile=True)
    html = client.get(reverse("directory:therapist_public", args=[therapist.pk])).content.decode()
    assert page.url not in html and str(emdr) in html
