"""Settings for the Drakentemmers platform.

One file; every value that differs between machines comes from an environment variable with a safe
development default. Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and the e-mail
variables; `manage.py check --deploy` is then clean.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105 - DEBUG only
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
# Rotating the key: the new one in SECRET_KEY, the old one here until sessions and signed links signed with it
# have expired (docs/operations.md). Comma-separated.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Monitoring sends `Authorization: Bearer <HEALTH_TOKEN>` to get the details of /health/; empty: none.
HEALTH_TOKEN = os.environ.get("HEALTH_TOKEN", "")

INSTALLED_APPS = [
    "drakentemmers.core",
    "drakentemmers.accounts",
    "drakentemmers.regions",
    "drakentemmers.directory",
    "drakentemmers.matching",
    "drakentemmers.conversations",
    "drakentemmers.recruitment",
    "drakentemmers.colleagues",
    "drakentemmers.insights",
    "drakentemmers.quality",
    "drakentemmers.surveys",
    "drakentemmers.api",
    "drakentemmers.learning",
    "drakentemmers.dashboard",
    "drakentemmers.knowledge",
    "drakentemmers.accounts.admin_apps.PlatformAdminConfig",  # the Django admin, behind allauth and MFA
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "auditlog",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the Swagger UI assets of /api/docs itself (no CDN)
    # The knowledge base (Wagtail, its admin at /redactie/ for editors; see knowledge/README in docs).
    "wagtail.contrib.simple_translation",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Repeat anonymous visits of the cached public pages end here (core/public_cache.py).
    "drakentemmers.core.public_cache.PublicPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "drakentemmers.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "drakentemmers.accounts.mfa.SessionMfaMiddleware",
    # /redactie/ (the Wagtail admin): the editor role with a second factor, or the platform login.
    "drakentemmers.knowledge.middleware.EditorialAdminGateMiddleware",
    "drakentemmers.core.middleware.UserSessionActivityMiddleware",  # allauth's, writing once a minute
    "django_htmx.middleware.HtmxMiddleware",
    "drakentemmers.core.middleware.AuditContextMiddleware",  # auditlog's, with core.client_ip's address
    "drakentemmers.core.middleware.SecurityHeadersMiddleware",
    "drakentemmers.core.middleware.PrivatePagesMiddleware",
]

ROOT_URLCONF = "drakentemmers.urls"
WSGI_APPLICATION = "drakentemmers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "drakentemmers.core.context_processors.platform",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_POOL", False):
    # A connection pool per process (psycopg's, through Django): many threads or workers share a few connections.
    # Django requires persistent connections off with a pool; with CONN_HEALTH_CHECKS Django has the pool check
    # each connection before handing it out.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "pool": {
            "min_size": int(os.environ.get("DB_POOL_MIN", "2")),
            "max_size": int(os.environ.get("DB_POOL_MAX", "10")),
            "timeout": int(os.environ.get("DB_POOL_TIMEOUT", "10")),
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web server use the file at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

FORM_RENDERER = "drakentemmers.core.forms.PlatformFormRenderer"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env_list(
    "PASSWORD_HASHERS",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
)

# --- Accounts (django-allauth) ---------------------------------------------------------------
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:my_home"
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
ACCOUNT_ADAPTER = "drakentemmers.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "drakentemmers.accounts.forms.SignupExtraForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Drakentemmers] "
# Tell the owner by e-mail when the password, the e-mail address or a second factor changes (ASVS 2.2.3).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "3/10m/key",
}
# Per-user limits on what people send (core.ratelimits): "<amount>/<period>[,...]", period s/m/h/d.
# Generous for real work, tight enough that one account cannot flood therapists or organisations.
PLATFORM_RATE_LIMITS = {
    "contact": "5/h,20/d",  # first contact with a therapist (directory)
    "message_reply": "30/h",  # reply in a directory conversation
    "thread_message": "30/h",  # message in a matching thread
    "request_publish": "10/h,30/d",  # publishing a care request
    "colleague_invite": "10/h,30/d",  # inviting a colleague to join (recruitment); refused addresses count too
    # Reporting a bottleneck or good practice (insights): per IP address without an account; a shelter's
    # group session may share one address, so the hourly limit leaves room for several people.
    "signal_submit": "10/h,40/d",
    "signal_comment": "20/h",  # a comment on a bottleneck or good practice
    # The API (drakentemmers.api): every request counts per IP address, an authenticated one per token too.
    "api_ip": os.environ.get("API_RATE_LIMIT_IP", "120/m,3000/h"),
    "api_token": os.environ.get("API_RATE_LIMIT_TOKEN", "60/m,2000/h"),
    "api_token_write": "30/h",  # availability updates through the API (a practice system syncing)
    "api_bad_token": "10/m,50/h",  # wrong API tokens per IP address; then every token from it waits
}
ACCOUNT_SESSION_REMEMBER = None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Drakentemmers"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
USERSESSIONS_TRACK_ACTIVITY = True
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))


# Login and messaging rate limits live in the cache, so production needs one that all web processes
# share (see the README): CACHE_URL picks it. Without CACHE_URL: a file cache in production (enough for
# one machine), the in-memory cache for development and tests (one process).
def cache_from_url(url: str) -> dict:
    """CACHE_URL -> a CACHES entry: redis://host:6379/0 (rediss:// for TLS), dbcache://table_name,
    file:///absolute/path, locmem:// or dummy://."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "dbcache":
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": parts.netloc or "django_cache"}
    if scheme == "file":
        location = parts.netloc + parts.path
        if not location:
            raise ValueError("CACHE_URL file:// needs a directory, e.g. file:///var/cache/drakentemmers")
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": location}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": parts.netloc}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ValueError(f"CACHE_URL: unsupported scheme {scheme!r} (use redis, rediss, dbcache, file, locmem, dummy)")


if os.environ.get("CACHE_URL"):
    CACHES = {"default": cache_from_url(os.environ["CACHE_URL"])}
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {"default": cache_from_url("file://" + os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")))}
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    # Cached public pages, choice lists and one session-activity marker per active session: the default of
    # 300 entries would evict them at random (culling a third) many times a minute.
    CACHES["default"].setdefault("OPTIONS", {"MAX_ENTRIES": 20000})

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# Translations live next to the code in each app: drakentemmers/<app>/locale/ (templates/ belong to core).
LOCALE_PATHS: list = []
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Off on purpose: with it on, every {{ id }} in a form value or URL over 999 renders as "2.144" and breaks.
# Counts are grouped explicitly with humanize's intcomma ("4.067"), which follows the active language.
USE_THOUSAND_SEPARATOR = False
LANGUAGE_COOKIE_NAME = "dt_language"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    ("vendor", BASE_DIR / "var" / "vendor"),
]
# Hashed file names from `collectstatic` in production; off for tests that run the site with DEBUG=0 in a tree
# where collectstatic never ran (STATIC_MANIFEST=0).
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail: console in development, SMTP by setting; always sent through the task worker -----
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Drakentemmers <noreply@drakentemmers.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", "6"))
# First pause before a retry (doubling after each failed attempt, capped at an hour); tests shorten it.
EMAIL_RETRY_BASE_SECONDS = int(os.environ.get("EMAIL_RETRY_BASE_SECONDS", "60"))

# The dashboard's live figures (this month and last) are measured at most this long ago, shared by every viewer;
# 0 measures on every page view.
DASHBOARD_FIGURES_CACHE_SECONDS = int(os.environ.get("DASHBOARD_FIGURES_CACHE_SECONDS", "60"))

# The quality mark (drakentemmers.quality): how long a mark runs, the grace after a notice, the reminder's lead time.
QUALITY_MARK_VALID_MONTHS = int(os.environ.get("QUALITY_MARK_VALID_MONTHS", "12"))
QUALITY_NOTICE_GRACE_DAYS = int(os.environ.get("QUALITY_NOTICE_GRACE_DAYS", "30"))
QUALITY_RENEWAL_REMINDER_DAYS = int(os.environ.get("QUALITY_RENEWAL_REMINDER_DAYS", "60"))
PLATFORM_CONTACT_EMAIL = os.environ.get("PLATFORM_CONTACT_EMAIL", "info@drakentemmers.localhost")

# --- Background tasks (django-tasks, database backend; `manage.py db_worker`) -----------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "email"],
    }
}

# --- Matching: expiry of unanswered care requests and retention of finished ones ---------------
MATCHING_EXPIRE_AFTER_WEEKS = int(os.environ.get("MATCHING_EXPIRE_AFTER_WEEKS", "8"))
MATCHING_RETENTION_DAYS = int(os.environ.get("MATCHING_RETENTION_DAYS", "365"))

# --- Retention (core.retention, daily job retention_purge; docs/security.md "Retention") ----------
# Invitations nobody accepted: address and token replaced this long after expiry or decline (the row stays counted).
RETENTION_INVITATION_DAYS = int(os.environ.get("RETENTION_INVITATION_DAYS", "90"))
# Sent and failed outbox rows (recipient, subject, status; bodies are purged on sending) are deleted after this.
RETENTION_EMAIL_DAYS = int(os.environ.get("RETENTION_EMAIL_DAYS", "90"))
# Login and security events in the access log; the NEN 7513 rows of reads of confidential records are kept.
RETENTION_SECURITY_LOG_DAYS = int(os.environ.get("RETENTION_SECURITY_LOG_DAYS", "365"))

# --- Security ---------------------------------------------------------------------------------
# Backups (`manage.py backup`) are encrypted with this key when it is set: 32 bytes, urlsafe base64, made with
# `manage.py backup --generate-key`. Keep a copy offline: without it no encrypted backup can be restored.
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
# Sessions are read from the cache (Django's default cache), written through to the database: a logged-in
# request no longer queries the session table. Logout, allauth's "end session" and a password change go through
# the session store, which deletes the cached copy too (issue 17).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Off only for a load test over plain HTTP on loopback (benchmarks/load_pages.py); production keeps them on.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
# How many reverse proxies append to X-Forwarded-For in front of the app (core/client_ip.py): rate limits and the
# access log then count the visitor, not the proxy. Never more than really are there: the rest is client-written.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if env_bool("BEHIND_PROXY", False) else "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT  # allauth's login rate limits
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

AUDITLOG_INCLUDE_ALL_MODELS = False

# --- Knowledge base (Wagtail) -------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Drakentemmers"
WAGTAILADMIN_BASE_URL = SITE_URL
# The admin never shows a login or password form of its own: the platform login (rate limits, the MFA
# step) is the only way in; knowledge.middleware gates /redactie/ on the editor role and MFA.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "drakentemmers.knowledge.workflows.publish_approved"
# Documents go through a view that checks the visibility of the pages that use them (never the media URL).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "pptx", "txt", "csv"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
# Dutch stemming on PostgreSQL ('behandelingen' finds 'behandeling'); SQLite uses FTS5 (see knowledge.search).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch", "AUTO_UPDATE": True}
}
TAGGIT_CASE_INSENSITIVE = True
# The Wagtail admin (and only it) uses inline styles and a few inline scripts.
WAGTAILADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'"
)
# Moderation notifications: Wagtail's mails are routed through the platform outbox (knowledge.apps).
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
