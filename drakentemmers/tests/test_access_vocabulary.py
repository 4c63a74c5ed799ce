"""The access-matrix vocabulary itself: how rules expand per persona, and how URLs find their rule."""

import pytest

from drakentemmers.core import access_matrix as am

P = am.PERSONA_BY_NAME


def test_a_named_rule_expands_to_login_mfa_200_and_404():
    rule = am.OWN_ORGANISATION_OBJECT
    assert rule.expect_get(P[am.ANONYMOUS]).outcome is am.LOGIN
    assert rule.expect_get(P[am.STAFF_A_NO_MFA]).outcome is am.MFA_SETUP
    assert rule.expect_get(P[am.STAFF_A]).outcome is am.OK
    assert rule.expect_get(P[am.STAFF_B]).outcome is am.NOT_FOUND
    assert rule.expect_get(P[am.THERAPIST]).outcome is am.NOT_FOUND  # a therapist needs no MFA: straight 404


def test_a_persona_with_mfa_set_up_but_not_passed_expects_the_challenge():
    persona = am.Persona("verifier_mfa_not_passed", ("verifier",), mfa_set_up=True, mfa_passed=False)
    assert am.VERIFIER_MFA.expect_get(persona).outcome is am.MFA_CHALLENGE


def test_post_only_gives_405_on_get_and_refuses_strangers_exactly():
    rule = am.post_only(am.OWN_ORGANISATION_OBJECT)
    assert {rule.expect_get(p).outcome for p in am.PERSONAS} == {am.NOT_ALLOWED}
    assert rule.expect_post(P[am.STAFF_A]).outcome is am.NO_SERVER_ERROR
    assert rule.expect_post(P[am.STAFF_B]).outcome is am.NOT_FOUND
    assert rule.expect_post(P[am.ANONYMOUS]).outcome is am.LOGIN


def test_whoever_is_refused_on_get_is_refused_on_post():
    assert am.PLATFORM_TEAM_MFA.expect_post(P[am.STAFF_A]).outcome is am.POST_REFUSED
    assert am.PLATFORM_TEAM_MFA.expect_post(P[am.EDITOR]).outcome is am.NO_SERVER_ERROR


def test_a_known_gap_keeps_the_right_expectation_and_records_today():
    rule = am.VERIFIER_MFA.but(editor=am.known_gap("finding", now=am.OK))
    expectation = rule.expect_get(P[am.EDITOR])
    assert expectation.outcome is am.NOT_FOUND and expectation.gap.now is am.OK
    # A gap on top of an override keeps the override as the expectation.
    admin = am.ADMINISTRATOR_MFA.but(administrator_no_mfa=am.known_gap("finding 1", now=am.OK))
    assert admin.expect_get(P[am.ADMINISTRATOR_NO_MFA]).outcome is am.DENIED


def test_an_override_for_an_unknown_persona_is_refused():
    with pytest.raises(ValueError, match="Unknown persona"):
        am.PUBLIC.but(nobody_at_all=am.OK)


def _entry(key: str, route: str) -> am.UrlEntry:
    return am.UrlEntry(key, route, key, (), {}, "drakentemmers.core.views.x")


def test_exact_rules_win_over_globs_and_globs_over_prefixes():
    declarations = am.Declarations(
        rules={"admin:special": am.PUBLIC},
        prefixes=(("beheer/django/*/*/<path:object_id>/", am.LOGGED_IN), ("beheer/django/", am.ADMINISTRATOR_MFA)),
        sources={},
    )
    assert am.rule_for(_entry("admin:special", "beheer/django/x/"), declarations) is am.PUBLIC
    assert am.rule_for(_entry("r", "beheer/django/a/b/<path:object_id>/"), declarations) is am.LOGGED_IN
    assert am.rule_for(_entry("r", "beheer/django/a/b/<path:object_id>/change/"), declarations) is am.ADMINISTRATOR_MFA
    assert am.rule_for(_entry("core:new", "nieuw/"), declarations) is None


def test_url_build_fills_route_and_regex_parameters():
    assert am.url_build("hulpvragen/<int:pk>/status/<slug:action>/", {"pk": 3, "action": "x"}) == (
        "/hulpvragen/3/status/x/"
    )
    assert am.url_build("account/^confirm-email/(?P<key>[-:\\w]+)/$", {"key": "k"}) == "/account/confirm-email/k/"
    assert am.url_build("beheer/django/(?P<url>.*)$", {"url": "x/"}) == "/beheer/django/x/"


def test_a_view_of_a_project_app_declares_its_rule_in_that_app():
    assert am.rules_module_for("drakentemmers.matching.views.shared.request_detail") == (
        "drakentemmers.matching.access_rules"
    )
    assert am.rules_module_for("allauth.account.views.LoginView") == am.PROJECT_RULES_MODULE


def test_every_url_of_the_site_is_found_including_allauth_and_the_admin():
    keys = {entry.key for entry in am.url_entries()}
    assert {"core:home", "matching:thread", "account_login", "mfa_index", "admin:index"} <= keys
    assert "beheer/django/(?P<url>.*)$" in keys  # unnamed patterns are keyed by their route
