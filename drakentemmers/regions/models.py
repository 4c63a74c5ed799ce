"""Dutch administrative geography: provinces, municipalities, postcode-4 areas and the regions made of them.

Boundaries change every 1 January; the `year` on each row says which division it belongs to, so loading
a new year is a data step (`manage.py load_regions --year 2026`), not a code change.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(_("CBS code"), max_length=4, unique=True)  # PV20
    name = models.CharField(_("name"), max_length=64)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("CBS code"), max_length=6, unique=True)  # GM0034
    name = models.CharField(_("name"), max_length=100, db_index=True)
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+")
    # Population-weighted centre: a better "where do people live" point than the geometric centroid.
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveIntegerField(_("population"), default=0)
    year = models.PositiveSmallIntegerField(_("division year"))
    is_active = models.BooleanField(_("current"), default=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PostcodeArea(models.Model):
    code = models.CharField(_("postcode (4 digits)"), max_length=4, unique=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="postcode_areas"
    )
    place_name = models.CharField(_("place"), max_length=100)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.place_name}"


class RegionKind(models.TextChoices):
    GHNT = "ghnt", _("GHNT region")
    WOMENS_SHELTER = "vo", _("Central-municipality region for women's shelter")
    VEILIG_THUIS = "vt", _("Veilig Thuis region")
    GGD = "ggd", _("GGD region")
    YOUTH_CARE = "jz", _("Youth-care region")


class Region(models.Model):
    kind = models.CharField(_("kind"), max_length=8, choices=RegionKind.choices)
    code = models.CharField(_("code"), max_length=16)
    name = models.CharField(_("name"), max_length=100)
    central_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("central municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipalities = models.ManyToManyField(Municipality, verbose_name=_("municipalities"), related_name="regions")
    year = models.PositiveSmallIntegerField(_("division year"))

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="unique_region_kind_code")]

    def __str__(self) -> str:
        return self.name


class RegionImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPLIED = "applied", _("Applied")
    DISCARDED = "discarded", _("Discarded")


class RegionImport(models.Model):
    """One uploaded region division (one kind), kept between preview and apply, and afterwards as history.

    `rows` holds the parsed, validated file; nothing touches Region until the import is applied. On apply,
    `previous_snapshot` records the division as it was, so the platform team can see what changed.
    """

    kind = models.CharField(_("kind"), max_length=8, choices=RegionKind.choices)
    year = models.PositiveSmallIntegerField(_("division year"))
    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64)
    row_count = models.PositiveIntegerField(_("number of regions"))
    rows = models.JSONField(_("parsed rows"))
    status = models.CharField(
        _("status"), max_length=16, choices=RegionImportStatus.choices, default=RegionImportStatus.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    previous_snapshot = models.JSONField(_("division before applying"), null=True, blank=True)

    class Meta:
        verbose_name = _("region division import")
        verbose_name_plural = _("region division imports")
        ordering = ["-uploaded_at"]
        indexes = [models.Index(fields=["kind", "status", "-applied_at"], name="region_import_kind_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} ({self.file_name})"


class RegionSettings(models.Model):
    """Platform-wide region settings: one row (pk 1). Without a row the defaults below apply."""

    SINGLETON_PK = 1

    reporting_kind = models.CharField(
        _("reporting unit"),
        max_length=8,
        choices=RegionKind.choices,
        default=RegionKind.VEILIG_THUIS,
        help_text=_("The region division coordinators and figures use."),
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
        verbose_name = _("region settings")
        verbose_name_plural = _("region settings")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="region_settings_singleton")]

    def __str__(self) -> str:
        return str(self.get_reporting_kind_display())
