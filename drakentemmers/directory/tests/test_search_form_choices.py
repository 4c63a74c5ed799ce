"""The search form's vocabularies come from the cache, and a change in the admin shows at once."""

import pytest
from django.http import QueryDict

from drakentemmers.directory.forms_search import TherapistSearchForm
from drakentemmers.directory.models import Method
from drakentemmers.directory.tests.factories import method

pytestmark = pytest.mark.django_db


def _render(data: str = "") -> str:
    form = TherapistSearchForm(QueryDict(data))
    form.is_valid()
    return "".join(str(field.as_field_group()) for field in form)


def test_second_render_needs_no_vocabulary_queries(django_assert_num_queries):
    _render()
    with django_assert_num_queries(0):
        html = _render()
    assert 'name="method"' in html and 'name="region"' in html


def test_a_new_or_deactivated_term_shows_at_once():
    emdr = method("emdr")
    assert emdr.name_nl in _render()
    new = Method.objects.create(slug="nieuw", name_nl="Nieuwe methode", name_en="New method")
    assert "Nieuwe methode" in _render()
    new.is_active = False
    new.save()
    assert "Nieuwe methode" not in _render()


def test_choices_validate_against_the_cached_rows():
    emdr = method("emdr")
    form = TherapistSearchForm(QueryDict(f"method={emdr.pk}&method={emdr.pk}"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["method"] == [emdr]
    assert form.to_criteria().methods == (emdr,)
    inactive = Method.objects.create(slug="oud", name_nl="Oud", name_en="Old", is_active=False)
    for data in (f"method={inactive.pk}", "method=abc", "target_group=999999", "region=x"):
        form = TherapistSearchForm(QueryDict(data))
        assert not form.is_valid(), data
        assert form.errors, data


def test_labels_follow_the_language():
    from django.utils import translation

    method("emdr")
    Method.objects.create(slug="taal", name_nl="Methode in het Nederlands", name_en="Method in English")
    _render()  # cached while Dutch is active
    with translation.override("en"):
        html = _render()
    assert "Method in English" in html and "Methode in het Nederlands" not in html


def test_an_evicted_version_never_brings_old_rows_back():
    from django.core.cache import cache

    from drakentemmers.core import cached_choices

    method("emdr")
    _render()
    Method.objects.filter(slug="emdr").update(name_nl="EMDR hernoemd")  # no signal
    cache.delete(cached_choices._version_key(Method))
    assert "EMDR hernoemd" in _render()


def test_the_sql_of_a_list_is_compiled_once_per_process_and_per_assigned_queryset(monkeypatch):
    """Compiling a list's SQL for its cache key cost more than reading the rows: the form class's field and its
    per-form copies share the fingerprint, a queryset assigned in a form's __init__ gets its own."""
    from drakentemmers.core import cached_choices

    method("emdr")
    _render()
    compiled = []
    original = cached_choices._sql_hash
    monkeypatch.setattr(cached_choices, "_sql_hash", lambda qs: compiled.append(qs) or original(qs))
    _render()
    _render("method=1")
    assert compiled == []
    form = TherapistSearchForm(QueryDict(""))
    form.fields["method"].queryset = Method.objects.filter(slug="emdr")
    assert [m.slug for m in form.fields["method"].cached_rows()] == ["emdr"] and len(compiled) == 1
