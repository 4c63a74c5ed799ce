"""What the learning app adds to core's registries (called from LearningConfig.ready())."""

from django.utils.translation import gettext_lazy as _


def register_all() -> None:
    from drakentemmers.accounts import personal_data
    from drakentemmers.core import kpis, navigation, registries, scheduling

    from . import gdpr, permissions

    personal_data.register("learning", exporter=gdpr.export_user, eraser=gdpr.erase_user)

    navigation.register(
        navigation.NavEntry(
            label=_("My trainings"),
            url_name="learning:my_trainings",
            visible=permissions.can_enrol,
            order=50,
            description=_("Trainings you enrolled in, your calendar link, certificates and suggestions."),
        )
    )
    navigation.register(
        navigation.NavEntry(
            label=_("Manage trainings"),
            url_name="learning_staff:training_list",
            visible=permissions.can_manage_trainings,
            order=70,
            description=_("Publish trainings, sessions and accreditation points; participants and figures."),
        )
    )
    registries.demo_seeder_register("learning", "drakentemmers.learning.demo.seed", order=40)
    from drakentemmers.core import public_cache

    from .models import Attendance, Enrolment, Session, Training
    from .selectors import learning_home_figures

    registries.home_figures_register("learning", learning_home_figures)
    public_cache.watch_models(Attendance)  # the home page's "professionals trained" follows attendance
    # The trainings suggested on "My Drakentemmers" come from the public data cache (selectors.suggestion_offer);
    # the training's methods and target groups are its M2M fields, watched with it.
    public_cache.watch_models(Training, Session)
    # The calendar and a training's page are cached for anonymous visitors; they show the places left.
    public_cache.watch_models(Enrolment)
    from django.apps import apps

    if apps.is_installed("drakentemmers.surveys"):
        from drakentemmers.surveys.audiences import Audience, audience_register

        audience_register(
            Audience(
                key="learning.training_participants",
                label=_("A training's participants"),
                recipients="drakentemmers.learning.surveys.participants",
                param="training_id",
                param_label=_("Training"),
                param_choices="drakentemmers.learning.surveys.training_choices",
                order=60,
            )
        )
    registries.my_home_panel_register(
        "learning_suggestions",
        template="learning/includes/my_home_suggestions.html",
        data="drakentemmers.learning.selectors.training_suggestions",
        order=20,
    )
    for job in (
        scheduling.ScheduledJob(
            name="training_reminders_send",
            task="drakentemmers.learning.tasks.training_reminders_send",
            cron="0 8 * * *",
            description="Remind participants a week and a day before a training starts.",
        ),
        scheduling.ScheduledJob(
            name="training_offers_expire",
            task="drakentemmers.learning.tasks.training_offers_expire",
            cron="*/15 * * * *",
            catch_up=scheduling.CatchUp.SKIP,
            description="Expire waiting-list offers after 48 hours and offer the place to the next person.",
        ),
    ):
        scheduling.register(job)
    for order, (key, label, counts) in enumerate(
        (
            (
                "learning.trainings_held",
                _("Trainings held"),
                _("Published trainings whose first session fell in the period, by the venue's region."),
            ),
            (
                "learning.people_trained_referring",
                _("Referring professionals trained"),
                _("Different referring professionals present at a training session in the period (target 2022: 300)."),
            ),
            (
                "learning.people_trained_hbo",
                _("HBO professionals trained"),
                _("Different HBO-trained professionals present at a training session in the period."),
            ),
            (
                "learning.people_trained_therapists",
                _("Therapists trained"),
                _("Different therapists present at a training session in the period."),
            ),
        )
    ):
        figure = key.removeprefix("learning.")
        kpis.kpi_register(
            kpis.Kpi(
                key=key,
                label=label,
                counts=counts,
                group=kpis.KpiGroup.LEARNING,
                measure=f"drakentemmers.learning.kpis.{figure}",
                order=10 + order,
            )
        )
