"""The knowledge base's starting state: Dutch and English locales, the index page as the Wagtail site's root
(served at /kennis/), the editors' group with its permissions, and the review-by-a-second-editor workflow.

Historical models cannot run treebeard, so the index page is placed by hand where Wagtail's welcome page
was (path 00010001, like Wagtail's own project template). Permissions of new models do not exist yet while
migrations run (Django creates them afterwards): they are created here with the names Django would give.
"""

from django.db import migrations

EDITORS_GROUP = "Redactie"
INDEX_PATH = "00010001"
PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")  # no publish: a second editor approves
COLLECTION_PERMISSIONS = {
    ("wagtaildocs", "document"): ("add", "change", "choose"),
    ("wagtailimages", "image"): ("add", "change", "choose"),
}
INDEX_INTRO = (
    "Informatie, onderzoek en praktijkkennis over de behandeling van trauma- en gehechtheidsproblemen bij kinderen "
    "en volwassenen na structureel huiselijk geweld, en tools om mee te werken."
)
MODEL_PERMISSIONS = {("knowledge", "theme"): ("add", "change", "delete", "view")}


def _permission(apps, app_label: str, model: str, codename: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_", 1)[0]
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
    )
    return permission


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    KnowledgeIndexPage = apps.get_model("knowledge", "KnowledgeIndexPage")
    SecondEditorApprovalTask = apps.get_model("knowledge", "SecondEditorApprovalTask")

    dutch, _ = Locale.objects.get_or_create(language_code="nl")
    Locale.objects.get_or_create(language_code="en")

    real = hasattr(Page, "add_root")  # called by services.knowledge_site_ensure on a flushed test database
    if real and not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=dutch))
    elif not Page.objects.filter(depth=1).exists():  # a flushed database migrated again (migration tests)
        page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
        Page.objects.create(
            title="Root", draft_title="Root", slug="root", content_type=page_type, path="0001", depth=1,
            numchild=0, url_path="/", locale=dutch,
        )
    if real and not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    elif not Collection.objects.filter(depth=1).exists():
        Collection.objects.create(name="Root", path="0001", depth=1, numchild=0)
    index = KnowledgeIndexPage.objects.filter(depth=2).first()
    fields = {"title": "Kennis", "slug": "kennis", "locale": dutch, "live": True, "intro": INDEX_INTRO}
    if index is None and real:
        index = Page.objects.get(depth=1).add_child(instance=KnowledgeIndexPage(**fields))
    elif index is None:
        Page.objects.filter(path=INDEX_PATH, depth=2).delete()  # Wagtail's "Welcome to your new Wagtail site!"
        content_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model="knowledgeindexpage")
        index = KnowledgeIndexPage.objects.create(
            **fields,
            draft_title="Kennis",
            content_type=content_type,
            path=INDEX_PATH,
            depth=2,
            numchild=0,
            url_path="/kennis/",
        )
        Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=index.pk, is_default_site=True, site_name="Kennis")

    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(_permission(apps, "wagtailadmin", "admin", "access_admin"))
    # Copy a page for translation into English (wagtail.contrib.simple_translation).
    group.permissions.add(_permission(apps, "simple_translation", "simpletranslation", "submit_translation"))
    for (app_label, model), actions in MODEL_PERMISSIONS.items():
        for action in actions:
            group.permissions.add(_permission(apps, app_label, model, f"{action}_{model}"))
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=index.pk, permission=_permission(apps, "wagtailcore", "page", codename)
        )
    root_collection = Collection.objects.filter(depth=1).first()
    for (app_label, model), actions in COLLECTION_PERMISSIONS.items():
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(apps, app_label, model, f"{action}_{model}"),
            )

    workflow, _ = Workflow.objects.get_or_create(name="Review door een tweede redacteur", defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model="secondeditorapprovaltask")
        task = SecondEditorApprovalTask.objects.create(
            name="Review door een tweede redacteur", active=True, content_type=task_type
        )
        task.groups.add(group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
