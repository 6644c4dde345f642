"""Settings shared by every environment; everything that differs comes from the environment."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from partnerships.core.observability import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "partnerships"
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def secret_key(path) -> str:
    """The key in `path`, made (at random, mode 0600) if there is none yet; two processes starting at
    once both end up with the one that was written first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    key = path.read_text().strip()
    if len(key) < 32:
        raise ImproperlyConfigured(f"{path} holds no usable secret key; delete it to have one made.")
    return key


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
# The development default is only ever used with DEBUG on; production.py refuses to start without one.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "django_q",
    "partnerships.core",
    "partnerships.registry",
    "partnerships.organisations",
    "partnerships.relationships",
    "partnerships.agreements",
    "partnerships.strategy",
    "partnerships.research",
    "partnerships.postgraduate",
    "partnerships.capacity",
    "partnerships.business",
    "partnerships.programmes",
    "partnerships.search",
]

MIDDLEWARE = [
    # Request latency by view for /metrics/ (core/metrics.py): the first and the last middleware.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # A request ID on every log line and in the X-Request-ID header (core/observability.py).
    "partnerships.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "partnerships.core.middleware.LoginRequiredMiddleware",
    "partnerships.core.middleware.UserLanguageMiddleware",
    "partnerships.core.middleware.ChangeContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "partnerships.urls"
WSGI_APPLICATION = "partnerships.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnerships.core.context_processors.platform",
            ],
        },
    },
]

# SQLite by default, tuned for a multi-user server: WAL lets readers run beside the writer,
# IMMEDIATE takes the write lock at BEGIN so two writers queue instead of deadlocking,
# FULL survives power loss, and the busy timeout makes a writer wait instead of failing.
SQLITE_PATH = VAR_DIR / "partnerships.sqlite3"
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": SQLITE_PATH, "OPTIONS": SQLITE_OPTIONS}}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    # Background jobs (the queue, the jobs' state and progress) keep their own SQLite file: a job
    # holds the register's write lock for the whole of its transaction, and its progress must still
    # be written and read meanwhile; the queue's polling never competes with users' writes.
    DATABASES["jobs"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": Path(os.environ.get("JOBS_SQLITE_PATH", VAR_DIR / "jobs.sqlite3")),
        "OPTIONS": {**SQLITE_OPTIONS, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
    }
else:
    # The same database through a second connection, which commits progress while a job's own
    # transaction is open (core/routers.py keeps migrations to the default alias).
    DATABASES["jobs"] = {**DATABASES["default"]}
JOBS_DATABASE = "jobs"
DATABASE_ROUTERS = ["partnerships.core.routers.JobsRouter"]

# The job queue: django-q2 with its database broker, so the default install needs no other server
# (docs/decisions/0003-job-queue.md). A job is retried when its worker stops without acknowledging
# it; the platform's own Job rows (core/jobs.py) make a retry run at most once at a time.
JOB_TIMEOUT = int(os.environ.get("JOB_TIMEOUT", 3600))
JOB_HEARTBEAT = float(os.environ.get("JOB_HEARTBEAT", 5))  # seconds between a running job's signs of life
JOB_STALE_AFTER = float(os.environ.get("JOB_STALE_AFTER", 60))  # silence after which a running job is taken for lost
JOB_MAX_ATTEMPTS = int(os.environ.get("JOB_MAX_ATTEMPTS", 3))
Q_CLUSTER = {
    "name": "partnerships",
    "orm": JOBS_DATABASE,
    "workers": int(os.environ.get("JOB_WORKERS", 2)),
    "timeout": JOB_TIMEOUT,
    "retry": JOB_TIMEOUT + 120,
    "max_attempts": JOB_MAX_ATTEMPTS,
    "poll": float(os.environ.get("JOB_POLL", 1)),
    "guard_cycle": 2,
    "catch_up": False,  # a daily job missed while the worker was down runs once, not once per day missed
    "save_limit": 200,
    "ack_failures": True,  # the platform's Job row records a failure; retrying a raised error would repeat it
    "cache": "jobs",  # the cluster's own statistics: per process, never written to the database
}
# When the daily work runs (agreement expiry and reminders) and the nightly backup, local time.
DAILY_JOBS_AT = os.environ.get("DAILY_JOBS_AT", "06:00")
BACKUP_AT = os.environ.get("BACKUP_AT", "02:30")
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", 14))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions and cache live in the database so app servers stay stateless.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache"},
    # Rendered pieces of the layout that are the same for everyone (keyed by what they show), kept in
    # each process's memory: nothing there is private, and a stale key is simply never asked for again.
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 1000}},
    "jobs": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["partnerships.core.auth.PlatformBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# Uploaded files (agreement documents) are served only through views that check permissions.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))


# Where they are kept: a local folder (on several app servers, one they all mount), or S3-compatible
# object storage through django-storages (DOCUMENT_STORAGE=s3 and the S3_* variables).
def document_storage(environ) -> dict:
    """The storage for uploaded documents that the environment asks for (DOCUMENT_STORAGE=local|s3)."""
    if environ.get("DOCUMENT_STORAGE", "local") != "s3":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ.get("S3_BUCKET", ""),
            "endpoint_url": environ.get("S3_ENDPOINT_URL") or None,
            "region_name": environ.get("S3_REGION") or None,
            "access_key": environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": environ.get("S3_PREFIX", "documents"),
            "default_acl": None,  # private: documents are only ever served through permission-checking views
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }


DEFAULT_STORAGE = document_storage(os.environ)
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AGREEMENT_DOCUMENT_MAX_BYTES = int(os.environ.get("AGREEMENT_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Reminder horizons in days before an agreement's end or notice deadline (send_reminders).
REMINDER_HORIZONS = [int(d) for d in os.environ.get("REMINDER_HORIZONS", "180,90,30").split(",")]
# Days before a deal's next action its owner is reminded (business engagement).
DEAL_REMINDER_HORIZONS = [int(d) for d in os.environ.get("DEAL_REMINDER_HORIZONS", "14,7,1").split(",") if d.strip()]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["partnerships.core.api_permissions.ModelPermissions"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "partnerships.core.api_renderers.PlatformBrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "partnerships.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Partnership Platform API",
    "DESCRIPTION": "Every record of the partnership register. Token auth: `Authorization: Token <key>`. "
    "Updates need `If-Match` with the ETag from a GET (or the `version` field); a stale one gets 412.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

DJANGO_TABLES2_TEMPLATE = "includes/table.html"
FORM_RENDERER = "partnerships.core.renderers.FormRenderer"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "partnerships@localhost")
# The SMTP server reminders and digests go through (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30

# One JSON object a line with the request ID (JSON_LOGS=0 for plain text; off DEBUG it is JSON).
LOGGING = logging_config(os.environ.get("LOG_LEVEL", "INFO"), env_bool("JSON_LOGS", not DEBUG))
# Bearer token for /metrics/; empty disables token access (admins can still read it).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

FORMS_URLFIELD_ASSUME_HTTPS = True
# Serve static files straight from the source folders unless collectstatic has been run (production).
WHITENOISE_USE_FINDERS = not (BASE_DIR / "staticfiles").exists()
