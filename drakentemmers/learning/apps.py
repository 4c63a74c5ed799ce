from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "drakentemmers.learning"
    label = "learning"
    verbose_name = _("Trainings")

    def ready(self) -> None:
        from . import registration

        registration.register_all()
