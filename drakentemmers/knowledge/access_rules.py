"""Access rules of the knowledge base: our pages, Wagtail's page serving and documents, and the admin /redactie/.

Wagtail's admin has ~190 URL patterns behind one gate (knowledge.middleware). All are declared by the
prefix rule; the matrix requests a representative sample of them (MATRIX_SAMPLES: the dashboard, the page
tree, a page's edit form, adding a page, documents, snippets, and the pages only an administrator manages),
which keeps the matrix run within a minute of what it was. The gate itself is path-based, so what holds
for the sample holds for every admin URL.
"""

from drakentemmers.core.access_matrix import (
    ADMINISTRATOR,
    EDITOR,
    LOGGED_IN,
    NOT_FOUND,
    PLATFORM_TEAM,
    PUBLIC,
    REDIRECT,
    VERIFIED_THERAPISTS,
    post_only,
    rule,
)

# Members-only content: verified therapists and the platform team whose session passed MFA. A platform
# member without it is not a member here (404), and nobody is sent to the MFA pages for reading knowledge.
MEMBERS_ONLY = rule(VERIFIED_THERAPISTS | PLATFORM_TEAM, mfa_gate=False)
EDITORIAL_ADMIN = rule({EDITOR, ADMINISTRATOR})
# Wagtail's own view restrictions (password pages) are not used: no restriction exists, 404 for everybody.
NO_SUCH_RESTRICTION = rule(set(), anonymous=NOT_FOUND, mfa_gate=False).because("visibility is ours, not Wagtail's")

RULES = {
    "knowledge:search": PUBLIC,
    # Accepted answers from case consultation, turned into draft articles by editors (access-logged reads).
    "knowledge:promotion_list": EDITORIAL_ADMIN,
    "knowledge:promote": post_only(EDITORIAL_ADMIN).fill(pk="consultation_network"),
    "knowledge:feed": PUBLIC,
    "knowledge:feed_atom": PUBLIC,
    "knowledge:digest_settings": LOGGED_IN,
    # Served by Wagtail: the world's page is members-only (public and logged-in pages: knowledge/tests).
    "wagtail_serve": MEMBERS_ONLY.fill(_0="knowledge_members_page_path"),
    "wagtaildocs_serve": MEMBERS_ONLY.fill(_0="knowledge_members_document", _1="knowledge_members_document_file"),
    "wagtaildocs_authenticate_with_password": NO_SUCH_RESTRICTION.fill(restriction_id="knowledge_no_restriction"),
    "wagtailcore_authenticate_with_password": NO_SUCH_RESTRICTION.fill(
        page_view_restriction_id="knowledge_no_restriction", page_id="knowledge_members_page"
    ),
    # The admin, sampled: editors and administrators after MFA; Wagtail sends an editor without the
    # permission for a page (workflows, users, sites) back to the dashboard.
    "wagtailadmin_home": EDITORIAL_ADMIN,
    "wagtailadmin_explore": EDITORIAL_ADMIN.fill(parent_page_id="knowledge_index_page"),
    "wagtailadmin_pages:edit": EDITORIAL_ADMIN.fill(page_id="knowledge_members_page"),
    "wagtailadmin_pages:add_subpage": EDITORIAL_ADMIN.fill(parent_page_id="knowledge_index_page"),
    "wagtaildocs:index": EDITORIAL_ADMIN,
    "wagtailsnippets_knowledge_theme:list": EDITORIAL_ADMIN,
    "wagtailadmin_workflows:index": EDITORIAL_ADMIN.but(editor=REDIRECT),
    "wagtailusers_users:index": EDITORIAL_ADMIN.but(editor=REDIRECT),
    "wagtailsites:index": EDITORIAL_ADMIN.but(editor=REDIRECT),
    "wagtailadmin_login": EDITORIAL_ADMIN.granting(REDIRECT).because("logged in: Wagtail sends on to the dashboard"),
}

PREFIX_RULES = {"redactie/": EDITORIAL_ADMIN}

MATRIX_SAMPLES = {"redactie/": [key for key in RULES if not key.startswith(("knowledge:", "wagtail_", "wagtaildocs_"))]}
