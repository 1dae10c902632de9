"""Village settings, read from the environment with defaults that run on a bare clone."""
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    # Set but empty (`DATABASE_URL= make test`) means the default, as unset does.
    return os.environ.get(name) or default


def env_bool(name, default=False):
    value = os.environ.get(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)
# The default key is only good for a developer's machine; production must set SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
if not DEBUG and SECRET_KEY.startswith("insecure-"):
    raise RuntimeError("Set SECRET_KEY in the environment when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "simple_history",
    "core",
    "places",
    "meetings",
    "feeds",
    "curation",
    "search",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the /en/ or /es/ prefix, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Records who made each change to a meeting in its history.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.village",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Requests run side by side, each a few small statements: starting parallel workers for
    # the search's thousands of rows costs more than they save (measured with
    # bench/search.py), and they would take cores from the other requests.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c max_parallel_workers_per_gather=0")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The search's covering indexes carry extra columns on PostgreSQL; SQLite keeps just the keys.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Without a broker, tasks run in the calling process so the embedded default needs no worker.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "UTC"
# Task names are pinned (each task's `name=`) to the module that first held it, so that
# messages already queued and a running beat keep finding them after code moves.
CELERY_BEAT_SCHEDULE = {
    # Emails that could not be queued (broker down) go out on the next run.
    "send-due-notifications": {"task": "meetings.tasks.send_due_notifications",
                               "schedule": 10 * 60},
    "weekly-stale-digest": {"task": "meetings.tasks.send_stale_digests",
                            "schedule": crontab(minute=0, hour=13, day_of_week="mon")},
    # Each feed source has its own refresh interval; this only looks for the due ones.
    "refresh-feed-sources": {"task": "meetings.import_tasks.refresh_due_sources",
                             "schedule": 15 * 60},
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account-profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Village] "
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Reauthenticating asks for the password again; no codes are emailed.
ACCOUNT_REAUTHENTICATION_METHODS = {"password"}

# Email: printed to the console unless EMAIL_BACKEND says otherwise (tests use memory).
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Village <no-reply@village.invalid>")
# The site's address in emails sent by workers, which have no request to take it from.
VILLAGE_SITE_URL = env("SITE_URL", "http://localhost:8000").rstrip("/")

# Submissions one client (by IP address) may send; django-ratelimit's rate syntax.
VILLAGE_SUBMISSION_RATE = env("SUBMISSION_RATE", "10/h")
# Behind a proxy, the header that holds the client's address (such as HTTP_X_REAL_IP).
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY") or None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them ("3 December 2026", "3 de diciembre de 2026").
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer",
                                 "rest_framework.renderers.BrowsableAPIRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

# The OpenAPI schema (/api/v1/schema/) and its docs (/api/v1/docs/), whose Swagger UI files come
# from the drf-spectacular-sidecar package: nothing loads from a CDN.
SPECTACULAR_SETTINGS = {
    "TITLE": "Village API",
    "DESCRIPTION": "Mutual aid meetings for parents in recovery: search ranked against a "
                   "parent's week and needs, the published meetings, and a Meeting Guide feed.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

# Geocoding: "gazetteer" (offline, US ZIP codes and cities) or "nominatim" (through geopy).
VILLAGE_GEOCODER = env("GEOCODER", "gazetteer")
VILLAGE_GEOCODER_USER_AGENT = env("GEOCODER_USER_AGENT", "village-meeting-finder")
VILLAGE_GEOCODER_DOMAIN = env("GEOCODER_DOMAIN", "nominatim.openstreetmap.org")

# Where the quick-exit button sends a person: a neutral, everyday page for the site's country
# (the US National Weather Service; a site elsewhere sets its own).
VILLAGE_QUICK_EXIT_URL = env("QUICK_EXIT_URL", "https://www.weather.gov/")

# No address leaves for other sites; our own forms still send their origin, which Chromium
# replaces by "null" under no-referrer, and Django's CSRF check then refuses every POST.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_FAILURE_VIEW = "config.error_views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
# `check --deploy` (CI runs it): TLS terminates at the proxy in front of gunicorn (README,
# "Production shape"), and that proxy must redirect http to https and send
# Strict-Transport-Security. Django behind it sees plain HTTP (no SECURE_PROXY_SSL_HEADER), so
# its own redirect would loop and its HSTS header would never go out: SECURE_SSL_REDIRECT
# (W008) and SECURE_HSTS_SECONDS (W004) stay off here and the warnings are silenced.
SILENCED_SYSTEM_CHECKS += ["security.W004", "security.W008"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"path_only": {"()": "config.request_log.PathOnly"}},
    # Django's own runserver log, as Django sets it up, but never with a query string.
    "formatters": {"django.server": {"()": "django.utils.log.ServerFormatter",
                                     "format": "[{server_time}] {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler"},
                 "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"}},
    "loggers": {"django.server": {"handlers": ["django.server"], "filters": ["path_only"],
                                  "level": "INFO", "propagate": False}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# A listing not verified for this many days is flagged stale and ranks lower.
VILLAGE_STALE_AFTER_DAYS = int(env("STALE_AFTER_DAYS", "180"))
