"""Targets the platform team sets for the key figures, and the daily snapshots that keep their history exact.

The figures themselves come from the registry in core.kpis; these models refer to a figure by its stable key.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.kpis import COVERAGE_MIN_MEMBERS_DEFAULT

NATIONAL = ""  # area_code / region_code of a national row


class KpiTarget(models.Model):
    """The plan's number for one figure in one year: nationally, or for one region of the reporting division."""

    kpi_key = models.CharField(_("key figure"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2020), MaxValueValidator(2100)])
    region_code = models.CharField(_("region code"), max_length=16, blank=True, default=NATIONAL)
    value = models.DecimalField(_("target"), max_digits=10, decimal_places=1, validators=[MinValueValidator(0)])
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["kpi_key", "year", "region_code"]
        constraints = [
            models.UniqueConstraint(fields=["kpi_key", "year", "region_code"], name="unique_kpi_target"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi_key} {self.year} {self.region_code or 'NL'}: {self.value}"


class AreaLevel(models.TextChoices):
    NATIONAL = "nl", _("national")
    REGION = "region", _("region")
    MUNICIPALITY = "municipality", _("municipality")


class Span(models.TextChoices):
    MONTH = "month", _("month")
    YEAR = "year", _("year to date")  # medians, which cannot be added up from months


class KpiSnapshot(models.Model):
    """One figure for one calendar month and area as the daily job found it (the last run of a month wins).

    Months before the current one are read from here, so a later edit (a profile suspended, a request
    anonymised) does not rewrite what the funders were shown.
    """

    kpi_key = models.CharField(_("key figure"), max_length=100)
    month = models.DateField(_("month"))  # the first day (of the year, for a year-to-date row)
    span = models.CharField(_("period"), max_length=8, choices=Span.choices, default=Span.MONTH)
    level = models.CharField(_("level"), max_length=16, choices=AreaLevel.choices)
    region_kind = models.CharField(_("region division"), max_length=8)
    area_code = models.CharField(_("area code"), max_length=16, blank=True, default=NATIONAL)
    value = models.FloatField(_("value"), null=True)
    numerator = models.IntegerField(_("numerator"), null=True)
    denominator = models.IntegerField(_("denominator"), null=True)
    taken_at = models.DateTimeField(_("taken at"))

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["kpi_key", "span", "month", "region_kind", "level", "area_code"], name="unique_kpi_snapshot"
            ),
        ]
        indexes = [models.Index(fields=["region_kind", "month"], name="kpi_snapshot_kind_month")]

    def __str__(self) -> str:
        return f"{self.kpi_key} {self.month:%Y-%m} {self.area_code or 'NL'}"


class DashboardSettings(models.Model):
    """Platform-wide dashboard settings: one row (pk 1); without it the defaults apply."""

    SINGLETON_PK = 1

    coverage_min_members = models.PositiveSmallIntegerField(
        _("members a region needs to count as covered"),
        default=COVERAGE_MIN_MEMBERS_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("dashboard settings")
        verbose_name_plural = _("dashboard settings")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="dashboard_settings_singleton")]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
