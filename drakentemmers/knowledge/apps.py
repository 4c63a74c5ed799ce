from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "drakentemmers.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from drakentemmers.core import navigation, registries, scheduling
        from drakentemmers.core.navigation import NavEntry

        from . import mail, permissions

        mail.route_wagtail_mail_through_outbox()
        from drakentemmers.core import public_cache

        from . import models, selectors

        registries.content_page_provider_register(selectors.content_page)
        # The content pages are cached for anonymous visitors: a publication must show at once.
        public_cache.watch_models(models.ContentPage)
        # Every page of the knowledge base is cached for anonymous visitors (urls_wagtail.py): any page, its
        # revision being published, moved or deleted, and what pages show (documents, images, tags) invalidates.
        from django.apps import apps as django_apps
        from wagtail.models import Page

        page_data = [
            m for m in django_apps.get_app_config("knowledge").get_models() if m is not models.DigestSubscription
        ]
        public_cache.watch_models(Page, *page_data)
        # The public mini-profiles link their methods to the live method pages.
        public_cache.watch_models(models.MethodPage)
        from drakentemmers.directory import result_decorations

        from . import decorations

        result_decorations.register("method_pages", decorations.method_page_links)
        scheduling.register(
            scheduling.ScheduledJob(
                name="knowledge_digests",
                task="drakentemmers.knowledge.tasks.knowledge_digests_send",
                cron="0 8 * * mon",
                description="Mail subscribers the new knowledge items of the past week they may read.",
            )
        )
        scheduling.register(
            scheduling.ScheduledJob(
                name="knowledge_scheduled_publish",
                task="drakentemmers.knowledge.tasks.scheduled_pages_publish",
                cron="*/10 * * * *",
                catch_up=scheduling.CatchUp.SKIP,  # the next slot publishes everything overdue anyway
                description="Publish (and unpublish) the pages editors scheduled (Wagtail's publish_scheduled).",
            )
        )
        scheduling.register(
            scheduling.ScheduledJob(
                name="knowledge_editor_groups_sync",
                task="drakentemmers.knowledge.tasks.editor_groups_sync_all",
                cron="15 4 * * *",
                description="Take users whose editor role was revoked out of the Wagtail editors' group.",
            )
        )
        registries.demo_seeder_register("knowledge", "drakentemmers.knowledge.demo.seed", order=60)
        for entry in (
            NavEntry(
                label=_("Knowledge"),
                url_name="knowledge:search",
                visible=permissions.can_read_knowledge,
                order=30,
                description=_("Articles, research, tools and methods on trauma and attachment treatment."),
            ),
            NavEntry(
                label=_("Editorial office"),
                url_name="wagtailadmin_home",
                visible=permissions.can_edit_knowledge,
                order=85,
                description=_("Write, review and publish knowledge pages (Wagtail)."),
            ),
            NavEntry(
                label=_("Answers from case consultation"),
                url_name="knowledge:promotion_list",
                visible=permissions.can_edit_knowledge,
                order=86,
                in_menu=False,
                description=_("Turn an accepted answer from the network into a draft knowledge article."),
            ),
            NavEntry(
                label=_("Weekly knowledge digest"),
                url_name="knowledge:digest_settings",
                visible=permissions.can_manage_digest,
                order=95,
                in_menu=False,
                description=_("Get an e-mail each week with the new knowledge items you may read."),
            ),
        ):
            navigation.register(entry)
