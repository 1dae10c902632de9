"""Village settings, read from the environment with defaults that run on a bare clone."""
import base64
import hashlib
import ipaddress
import os
import re
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES

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


def env_rates(name, defaults):
    """`search=300/m,feed=off` as {scope: rate} over the defaults; `off` is None (no limit)."""
    rates = dict(defaults)
    for item in env_list(name):
        scope, separator, rate = (part.strip() for part in item.partition("="))
        if not separator or scope not in defaults:
            raise RuntimeError(f"{name}: {item!r} is not scope=rate with a scope of "
                               f"{', '.join(defaults)}, e.g. search=120/m or feed=off.")
        off = rate.lower() in {"", "off", "none"}
        if not off and not re.fullmatch(RATE, rate):
            raise RuntimeError(f"{name}: {rate!r} is not a rate such as 120/m, 10/5m or 1000/h.")
        rates[scope] = None if off else rate
    return rates


RATE = r"\d+/\d*[smhd]"


def env_address_rates(name):
    """`203.0.113.7=60/h,198.51.100.0/24=100/h` as [(network, rate)], most specific first."""
    rates = []
    for item in env_list(name):
        address, separator, rate = (part.strip() for part in item.partition("="))
        try:
            network = ipaddress.ip_network(address, strict=False)
        except ValueError:
            network = None
        if not separator or network is None or not re.fullmatch(RATE, rate):
            raise RuntimeError(f"{name}: {item!r} is not address=rate, such as 203.0.113.7=60/h "
                               f"or 198.51.100.0/24=100/h.")
        rates.append((network, rate))
    return sorted(rates, key=lambda entry: entry[0].prefixlen, reverse=True)


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
    "csp",
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
    # Every text response compressed for a client that accepts it, Brotli before gzip (its
    # last step, so it sees the finished body), padded at random against BREACH. Static files
    # come compressed ahead of time from WhiteNoise, and the feed's snapshot is gzipped already.
    "config.compression.CompressionMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the /en/ or /es/ prefix, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    # The database out of reach: a 503 page (JSON for the API, text for calendars), no traceback.
    "config.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    # 429 to a client past VILLAGE_THROTTLE_RATES on searches, calendars and the feed.
    "core.throttling.ThrottleMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # With DATABASE_REPLICA_URLS, public reads from a replica; after the session and the
    # person are read, from the primary.
    "config.middleware.ReplicaReadsMiddleware",
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


def database(url):
    """One database's settings from its URL; the primary and each replica alike."""
    parsed = dj_database_url.parse(
        url,
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        # A kept connection the database dropped (a restart) is replaced at the next request.
        conn_health_checks=True,
    )
    if parsed["ENGINE"] == "django.db.backends.postgresql":
        # Requests run side by side, each a few small statements: starting parallel workers
        # for the search's thousands of rows costs more than they save (measured with
        # bench/search.py), and they would take cores from the other requests.
        parsed.setdefault("OPTIONS", {}).setdefault(
            "options", "-c max_parallel_workers_per_gather=0")
        # A database that is down answers a request with the 503 page within seconds, not a
        # hang (config/middleware.py).
        parsed["OPTIONS"].setdefault("connect_timeout", 5)
    return parsed


def databases(primary_url, replica_urls=()):
    """The primary as `default` and each streaming replica of it as replica1, replica2, …
    (README, "Read replicas"). A test run makes no test database on a replica, which is
    read-only: TEST's MIRROR names the primary's instead."""
    found = {"default": database(primary_url)}
    for number, url in enumerate(replica_urls, start=1):
        found[f"replica{number}"] = {**database(url), "TEST": {"MIRROR": "default"}}
    engines = {parsed["ENGINE"] for parsed in found.values()}
    if replica_urls and engines != {"django.db.backends.postgresql"}:
        raise RuntimeError("DATABASE_REPLICA_URLS are streaming replicas of a PostgreSQL "
                           "primary: DATABASE_URL and each replica URL must be postgres://.")
    return found


DATABASES = databases(env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
                      env_list("DATABASE_REPLICA_URLS"))
DATABASE_REPLICAS = [alias for alias in DATABASES if alias != "default"]
# Without replicas every read is the primary's, as it would be without the router.
DATABASE_ROUTERS = ["config.databases.ReplicaRouter"]
# How long a browser that wrote reads from the primary: longer than the replicas ever lag.
VILLAGE_PRIMARY_AFTER_WRITE_SECONDS = int(env("PRIMARY_AFTER_WRITE_SECONDS", "15"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The search's covering indexes carry extra columns on PostgreSQL; SQLite keeps just the keys.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # Redis down never fails a request: each process falls back to a memory cache of its own
    # (config/cache.py), after at most a short timeout; README, "When Redis or PostgreSQL is down".
    CACHES = {"default": {"BACKEND": "config.cache.FallbackRedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 1,
                                      "RETRY_SECONDS": 5}}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Without a broker, tasks run in the calling process so the embedded default needs no worker.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# With the broker down, sending a task fails within about two seconds instead of hanging the
# request; config.celery.enqueue then logs it and the caller carries on (README, "When Redis or
# PostgreSQL is down").
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2,
                                    "interval_max": 0.2}
CELERY_TIMEZONE = "UTC"
# Task names are pinned (each task's `name=`) to the module that first held it, so that
# messages already queued and a running beat keep finding them after code moves.
CELERY_BEAT_SCHEDULE = {
    # Emails that could not be queued (broker down) go out on the next run.
    "send-due-notifications": {"task": "meetings.tasks.send_due_notifications",
                               "schedule": 10 * 60},
    # Submitters' email and first name go once their submission was decided
    # VILLAGE_CONTACT_RETENTION_DAYS ago.
    "erase-old-submitter-contacts": {"task": "curation.tasks.erase_old_contacts",
                                     "schedule": crontab(minute=20, hour=3)},
    "weekly-stale-digest": {"task": "meetings.tasks.send_stale_digests",
                            "schedule": crontab(minute=0, hour=13, day_of_week="mon")},
    # Each feed source has its own refresh interval; this only looks for the due ones.
    "refresh-feed-sources": {"task": "meetings.import_tasks.refresh_due_sources",
                             "schedule": 15 * 60},
    # The exported feed's snapshot follows the meetings within minutes even when no one polls.
    "build-feed-snapshot": {"task": "feeds.tasks.build_feed_snapshot", "schedule": 5 * 60},
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
# Throttles on logging in and resetting a password, per client address ("ip") and per account
# ("key": the email address typed), kept in the cache. Failed logins answer with an error on the
# form; the other limits answer with templates/429.html.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    # Each request emails the account: a few an hour keep an inbox from being flooded.
    "reset_password": "20/h/ip,3/h/key",
    # The page the emailed link opens, where the new password is set (allauth limits it per ip).
    "reset_password_from_key": "20/h/ip",
}
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

# Valid submissions one client (by IP address) may send in any sliding window of the rate's
# period (curation/allowance.py): "10/h" is at most 10 in any 60 minutes. django-ratelimit's
# rate syntax (5/m, 10/h, 20/d, 30/2h).
VILLAGE_SUBMISSION_RATE = env("SUBMISSION_RATE", "10/h")
if not re.fullmatch(RATE, VILLAGE_SUBMISSION_RATE):
    raise RuntimeError(f"SUBMISSION_RATE: {VILLAGE_SUBMISSION_RATE!r} is not a rate such as 10/h.")
# Other rates for given addresses or networks, such as a clinic whose visitors share one
# address: "203.0.113.7=60/h,198.51.100.0/24=100/h". Each address still counts on its own.
VILLAGE_SUBMISSION_RATE_BY_ADDRESS = env_address_rates("SUBMISSION_RATE_BY_ADDRESS")
# Days a decided submission keeps the submitter's email and first name (a spam one keeps
# neither, from the moment it is rejected); a daily beat job erases them after that.
VILLAGE_CONTACT_RETENTION_DAYS = int(env("CONTACT_RETENTION_DAYS", "30"))
# Behind a proxy, the header that holds the client's address (such as HTTP_X_REAL_IP).
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY") or None
# allauth's limits per client address read the same header, by its own name (X-Real-Ip).
if RATELIMIT_IP_META_KEY and RATELIMIT_IP_META_KEY.startswith("HTTP_"):
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = (
        RATELIMIT_IP_META_KEY.removeprefix("HTTP_").replace("_", "-").title())
# Requests one client (by address, as above) may make, per scope (core/throttling.py): the
# search page, "Starting soon" and the search API together; every calendar (.ics); the Meeting
# Guide feed. django-ratelimit's rate syntax; None turns a scope's limit off. THROTTLE_RATES
# overrides some, e.g. "search=300/m,feed=off".
VILLAGE_THROTTLE_RATES = env_rates("THROTTLE_RATES",
                                   {"search": "120/m", "calendar": "60/m", "feed": "30/m"})

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
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
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
# A page opened from another site, or opening one, shares no window with it (window.opener).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "config.error_views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
# No script reads a cookie: the CSRF token reaches forms, the admin, DRF's pages and the API
# docs in the page itself. Lax keeps both cookies off other sites' requests.
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
# TLS ends at the proxy in front of gunicorn (README, "Production shape"), which says in a
# header whether the client came over HTTPS: SECURE_PROXY_SSL_HEADER names it as Django reads
# it (HTTP_X_FORWARDED_PROTO for X-Forwarded-Proto: https). Only then can Django tell a plain
# request from a secure one, so only then does it redirect to HTTPS and send HSTS; without it
# (a developer's machine, the tests) every request would look plain and redirect forever.
if env("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (env("SECURE_PROXY_SSL_HEADER"), "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # The container runtime and the load balancer ask for health over plain HTTP, from inside.
    SECURE_REDIRECT_EXEMPT = [r"^health/"]


def csp_hash(source):
    """A CSP source allowing exactly this inline text."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()}'"


# The style attributes that pages of other packages write, allowed by their exact text and no
# other: DRF's browsable API (its buttons, filters and forms) and simple_history's admin history.
THIRD_PARTY_STYLE_ATTRIBUTES = [
    "float: right; margin-right: 10px", "float: right", "float:left", "clear: both",
    "margin: 0 0 20px;", "margin-top: 30px", "width: 350px",
    "width: 320px; margin-left: auto; margin-right: auto", "border: none", "border-bottom: 0",
    "border-bottom: 1px solid #e5e5e5", "border-top: 0",
]
# Content-Security-Policy (django-csp): scripts, styles, images and fonts come from this site's
# static files, never inline or from eval, forms post here only and no site may frame a page.
# The one inline style, DRF's code highlighting (templates/rest_framework/api.html), carries the
# request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_HASHES, *map(csp_hash, THIRD_PARTY_STYLE_ATTRIBUTES)],
        # data: for the blank favicon of base.html and the icons inside Swagger UI's CSS.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Permissions-Policy: "Use my location" on the search page asks this site's own pages for the
# position; nothing here uses the rest, so no page (nor anything it embeds) may ask for them.
PERMISSIONS_POLICY = {
    "geolocation": "self",
    **dict.fromkeys([
        "accelerometer", "autoplay", "bluetooth", "browsing-topics", "camera", "display-capture",
        "encrypted-media", "gyroscope", "hid", "idle-detection", "local-fonts", "magnetometer",
        "microphone", "midi", "otp-credentials", "payment", "publickey-credentials-get",
        "screen-wake-lock", "serial", "usb", "window-management", "xr-spatial-tracking",
    ], []),
}

# The admin's address, so a site can move it off the /admin/ that every scanner tries.
ADMIN_URL = env("ADMIN_URL", "admin/").strip("/") + "/"
if ADMIN_URL == "/":
    raise RuntimeError("ADMIN_URL needs a path, such as staff/.")

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
                                  "level": "INFO", "propagate": False},
                # Statements are logged at DEBUG with their parameters: a search's position
                # and needs, a submitter's email. Never, whatever LOG_LEVEL says.
                "django.db.backends": {"level": "INFO"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# A listing not verified for this many days is flagged stale and ranks lower.
VILLAGE_STALE_AFTER_DAYS = int(env("STALE_AFTER_DAYS", "180"))

# The one directory whose files a feed source registered on the site or in the admin may read
# (feeds.locations); unset, such sources are http(s) URLs only. manage.py import_meetings,
# run on the server, reads any file it is given.
VILLAGE_FEED_FILES_DIR = env("FEED_FILES_DIR", "")
