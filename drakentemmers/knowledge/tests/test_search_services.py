import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.core.models import OutgoingEmail
from drakentemmers.directory.tests.factories import TherapistProfileFactory, method, work_location_add
from drakentemmers.knowledge import selectors, services
from drakentemmers.knowledge.models import KnowledgeArticlePage, MethodPage, ResearchSummaryPage, Theme, Visibility

from .factories import publish

pytestmark = pytest.mark.django_db


def test_dutch_stemming_behandelingen_finds_behandeling(client):
    publish(KnowledgeArticlePage, title="Over de behandeling", intro="De behandeling van jonge kinderen.")
    publish(KnowledgeArticlePage, title="Iets anders", intro="Over de opvang.")
    body = client.get(reverse("knowledge:search") + "?q=behandelingen").content.decode()
    assert "Over de behandeling" in body
    assert "Iets anders" not in body
    assert "<mark>behandeling</mark>" in body  # the highlighted snippet


def test_search_filters_by_type_theme_and_audience(client):
    theme = Theme.objects.create(name="Kinderen", slug="kinderen")
    research = publish(ResearchSummaryPage, title="Onderzoek naar trauma", intro="Trauma bij kinderen.")
    research.themes.set([theme])
    research.save_revision().publish()
    publish(KnowledgeArticlePage, title="Artikel over trauma", intro="Trauma bij volwassenen.", audience="public")
    url = reverse("knowledge:search") + "?q=trauma"
    assert "Artikel over trauma" not in client.get(url + "&type=onderzoek").content.decode()
    assert "Onderzoek naar trauma" in client.get(url + "&thema=kinderen").content.decode()
    assert "Artikel over trauma" not in client.get(url + "&thema=kinderen").content.decode()
    body = client.get(url + "&doelgroep=public").content.decode()
    assert "Artikel over trauma" in body and "Onderzoek naar trauma" not in body


def test_bad_filters_are_ignored_never_an_error(client):
    response = client.get(reverse("knowledge:search") + "?q=%27%22&type=x&thema=%3Cb%3E&doelgroep=z&pagina=abc")
    assert response.status_code == 200


def test_related_items_share_themes(client):
    theme = Theme.objects.create(name="Gehechtheid", slug="gehechtheid")
    first = publish(KnowledgeArticlePage, title="Eerste")
    second = publish(KnowledgeArticlePage, title="Tweede")
    hidden = publish(KnowledgeArticlePage, title="Verborgen", visibility=Visibility.MEMBERS)
    for page in (first, second, hidden):
        page.themes.set([theme])
    related = selectors.related_pages(page=first, viewer=make_user())
    assert [p.title for p in related] == ["Tweede"]


def test_method_page_counts_verified_members_and_links_staff_to_search(client):
    emdr = method("emdr")
    for status in ("verified", "verified", "submitted"):
        therapist = TherapistProfileFactory(status=status)
        therapist.methods.set([emdr])
        work_location_add(therapist, "Utrecht")
    page = publish(MethodPage, title="EMDR", method=emdr)
    body = client.get(page.url).content.decode()
    assert "2 geverifieerde leden" in body or "2 verified members" in body
    assert "?method=" not in body  # the public gets no staff search link
    staff = make_user(Role.EDITOR, mfa=True)
    assert f"?method={emdr.pk}" in logged_in_client(staff).get(page.url).content.decode()
    assert selectors.method_page_urls(method_ids=[emdr.pk], viewer=make_user()) == {emdr.pk: page.url}


def test_method_page_queries_are_bounded(client, django_assert_max_num_queries):
    emdr = method("emdr")
    page = publish(MethodPage, title="EMDR", method=emdr)
    for _ in range(5):
        therapist = TherapistProfileFactory(status="verified")
        therapist.methods.set([emdr])
        work_location_add(therapist, "Amsterdam")
    with django_assert_max_num_queries(30):
        assert client.get(page.url).status_code == 200


def test_article_draft_create_makes_an_unpublished_members_draft_without_poster(editor):
    page = services.knowledge_article_draft_create(
        editor=editor,
        title="Wat te doen bij loyaliteitsconflicten",
        intro="Uit de casuïstiek.",
        body="Eerste alinea.\n\nTweede alinea.",
        source_note="Uit een casuïstiekbespreking.",
    )
    page.refresh_from_db()
    assert not page.live and page.get_parent().specific == selectors.knowledge_index()
    assert page.visibility == Visibility.MEMBERS and page.owner == editor
    assert page.latest_revision.user == editor
    assert "Tweede alinea" in str(page.body)


def test_article_draft_create_refuses_non_editors_and_empty_text(member, editor):
    with pytest.raises(PermissionDenied):
        services.knowledge_article_draft_create(editor=member, title="T", intro="", body="x", source_note="")
    with pytest.raises(ValidationError):
        services.knowledge_article_draft_create(editor=editor, title=" ", intro="", body="", source_note="")


def test_weekly_digest_sends_once_per_week_only_readable_items(member, non_member):
    for user in (member, non_member):
        services.digest_subscription_set(user=user, active=True)
    publish(KnowledgeArticlePage, title="Nieuw voor leden", visibility=Visibility.MEMBERS)
    publish(KnowledgeArticlePage, title="Nieuw voor iedereen", slug="nieuw-iedereen")
    later = timezone.now() + timezone.timedelta(days=7)
    from drakentemmers.knowledge.models import DigestSubscription

    DigestSubscription.objects.update(last_sent_at=timezone.now() - timezone.timedelta(minutes=5))
    assert services.knowledge_digests_send(now=later) == 2
    assert services.knowledge_digests_send(now=later) == 0  # idempotent
    mails = {mail.to[0]: mail.body_text for mail in OutgoingEmail.objects.all()}
    assert "Nieuw voor leden" in mails[member.email] and "Nieuw voor leden" not in mails[non_member.email]
    assert "Nieuw voor iedereen" in mails[non_member.email]


def test_digest_settings_page_opts_in_and_out(member):
    client = logged_in_client(member)
    assert client.get(reverse("knowledge:digest_settings")).status_code == 200
    client.post(reverse("knowledge:digest_settings"), {"active": "on"})
    assert member.knowledge_digest.active
    client.post(reverse("knowledge:digest_settings"), {})
    member.knowledge_digest.refresh_from_db()
    assert not member.knowledge_digest.active


def test_method_page_link_tag_links_a_profile_method_to_its_page(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    emdr, tf_cbt = method("emdr"), method("tf-cbt")
    page = publish(MethodPage, title="EMDR", method=emdr)
    request = rf.get("/")
    request.user = AnonymousUser()
    rendered = Template(
        "{% load knowledge_tags %}{% method_page_urls methods as urls %}"
        "{% for m in methods %}{% method_page_link m urls %};{% endfor %}"
    ).render(Context({"methods": [emdr, tf_cbt], "request": request}))
    assert f'<a href="{page.url}">{emdr}</a>' in rendered
    assert f";{tf_cbt};" in rendered


def test_demo_seed_is_idempotent():
    from drakentemmers.knowledge import demo
    from drakentemmers.knowledge.models import KnowledgePage

    demo.seed()
    count = KnowledgePage.objects.count()
    demo.seed()
    assert KnowledgePage.objects.count() == count >= 10


@pytest.mark.parametrize(
    ("word", "stem"), [("behandelingen", "behandeling"), ("kinderen", "kinder"), ("tools", "tool"), ("emdr", "emdr")]
)
def test_dutch_stem_light(word, stem):
    assert selectors.dutch_stem_light(word) == stem


def test_development_search_without_postgres_finds_inflections():
    """The SQLite path (used by `make run`): 'behandelingen' finds 'behandeling' through the light stem."""
    from drakentemmers.knowledge.models import KnowledgePage

    publish(KnowledgeArticlePage, title="Over de behandeling", intro="De behandeling van jonge kinderen.")
    publish(KnowledgeArticlePage, title="Iets anders", intro="Over de opvang.")
    found = selectors._stem_search(KnowledgePage.objects.live(), "behandelingen kinderen")
    assert [page.title for page in found] == ["Over de behandeling"]


def test_english_readers_get_english_pages_and_untranslated_dutch_ones(client):
    """Dutch first: in English, a page's English translation replaces it; pages without one stay Dutch."""
    from django.utils import translation
    from wagtail.models import Locale

    translated = publish(KnowledgeArticlePage, title="Vertaald artikel")
    publish(KnowledgeArticlePage, title="Alleen Nederlands")
    english = translated.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Translated article"
    english.save_revision().publish()
    with translation.override("en"):
        titles = {
            hit.page.title for hit in selectors.knowledge_list(viewer=make_user(), filters=selectors.Filters()).hits
        }
    assert titles == {"Translated article", "Alleen Nederlands"}
    with translation.override("nl"):
        titles = {
            hit.page.title for hit in selectors.knowledge_list(viewer=make_user(), filters=selectors.Filters()).hits
        }
    assert titles == {"Vertaald artikel", "Alleen Nederlands"}


def test_editors_may_copy_pages_for_translation(editor):
    services.editor_group_sync(user=editor)
    editor = type(editor).objects.get(pk=editor.pk)
    assert editor.has_perm("simple_translation.submit_translation")


def test_a_public_profile_links_its_methods_to_their_method_pages(client):
    from drakentemmers.directory.tests.factories import TherapistProfileFactory

    emdr = method("emdr")
    page = publish(MethodPage, title="EMDR", method=emdr)
    therapist = TherapistProfileFactory(methods=["emdr"], public_profile=True)
    html = client.get(reverse("directory:therapist_public", args=[therapist.pk])).content.decode()
    assert f'<a href="{page.url}">{emdr}</a>' in html
