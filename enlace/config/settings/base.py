"""Settings shared by every environment. Values come from ENLACE_* environment variables.

dev.py (the default of `make run`), test.py and production.py adjust these.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from enlace.config.env import env_bool, env_int, env_list, env_str, persistent_secret

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = BASE_DIR / "enlace"
VAR_DIR = Path(env_str("ENLACE_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("ENLACE_SECRET_KEY") or persistent_secret(VAR_DIR / "secret-key")
DEBUG = env_bool("ENLACE_DEBUG", False)
ALLOWED_HOSTS = env_list("ENLACE_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# Demo mode exists so a new user can try the product without an authenticator app.
# It is refused by production settings (see production.py and accounts.checks).
ENLACE_DEMO = env_bool("ENLACE_DEMO", False)
ENLACE_REQUIRE_2FA = env_bool("ENLACE_REQUIRE_2FA", True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "formtools",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # Enlace capabilities: one app each (docs/architecture.md §2)
    "enlace.core",
    "enlace.accounts",
    "enlace.access",
    "enlace.audit",
    "enlace.cases",
    "enlace.screening",
    "enlace.directory",
    "enlace.meetings",
    "enlace.workplan",
    "enlace.statistics",
    "enlace.traveldocs",
    "enlace.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "enlace.core.middleware.NoStoreMiddleware",
    "enlace.audit.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "enlace.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # last: it calls the view, retrying or answering 503 when the database is busy
    "enlace.core.busy.DatabaseBusyMiddleware",
]

# A strict Content-Security-Policy: scripts, styles, fonts and data only from this site, no
# inline script or style attribute (pages keep their behaviour in static files), no framing.
# `data:` images are Bootstrap's icons inside its own stylesheet.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

ROOT_URLCONF = "enlace.config.urls"
WSGI_APPLICATION = "enlace.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "enlace.web.context_processors.navigation",
            ],
        },
    },
]

DATABASE_URL = env_str("ENLACE_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'enlace.sqlite3'}"


def database_config(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web server read while the worker writes; IMMEDIATE avoids
        # "database is locked" upgrades from read to write inside a transaction; `timeout`
        # is how long a write waits for the lock (SQLite's busy timeout) before
        # `core.busy` retries or answers 503. Large imports hold the lock only for their
        # final insert (cases.importing).
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("ENLACE_SQLITE_BUSY_TIMEOUT", 20),
        }
        config["CONN_MAX_AGE"] = 0
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # No JIT compilation: Enlace's queries are short, and the case list's visibility
        # filter (an OR with an EXISTS) is estimated costly enough to be compiled, which
        # took 65 of its 81 ms on 100,000 cases (bench/cases).
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return config


DATABASES = {"default": database_config(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Idle timeout: the session expires after this many seconds without a request.
SESSION_COOKIE_AGE = env_int("ENLACE_IDLE_TIMEOUT_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Lockout: 5 failures for the same username from the same address lock it for 30 minutes.
AXES_FAILURE_LIMIT = env_int("ENLACE_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ENLACE_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Enlace CRM"
OTP_TOTP_THROTTLE_FACTOR = 1

LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "America/Costa_Rica"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

REDIS_URL = env_str("ENLACE_REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs: Django's Tasks API with a database-backed queue (no extra server).
# Production may set ENLACE_TASKS_BACKEND=django_tasks_rq.RQBackend with Redis.
TASKS = {
    "default": {
        "BACKEND": env_str("ENLACE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# A job still running after this long is stopped and marked failed; the worker goes on.
ENLACE_JOB_TIME_LIMIT_SECONDS = env_int("ENLACE_JOB_TIME_LIMIT_SECONDS", 3600)
# Finished job records older than this are deleted by the worker (daily) and `jobs prune`.
ENLACE_JOB_RETENTION_DAYS = env_int("ENLACE_JOB_RETENTION_DAYS", 30)
# The worker's heartbeat: written this often; /healthz calls a worker dead past the age.
ENLACE_WORKER_HEARTBEAT_SECONDS = env_int("ENLACE_WORKER_HEARTBEAT_SECONDS", 5)
ENLACE_WORKER_DEAD_AFTER_SECONDS = env_int("ENLACE_WORKER_DEAD_AFTER_SECONDS", 60)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["enlace.accounts.permissions.HasAllowedRole"],
    "DEFAULT_PARSER_CLASSES": [
        "enlace.core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "enlace.core.rest.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "enlace.core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "enlace.core.rest.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "enlace.core.throttling.AnonRateThrottle",
        "enlace.core.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("ENLACE_THROTTLE_ANON", "60/minute"),
        "user": env_str("ENLACE_THROTTLE_USER", "1200/minute"),
    },
    "DEFAULT_VERSIONING_CLASS": None,
}
# Usernames whose API requests are not rate-limited: set only for the CI schema fuzzing run.
ENLACE_THROTTLE_EXEMPT_USERS = frozenset(env_list("ENLACE_THROTTLE_EXEMPT_USERS", []))
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env_int("ENLACE_TOKEN_DAYS", 90)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Enlace API",
    "DESCRIPTION": "API of Enlace, the information system of the CRM Liaison Officers Network.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("ENLACE_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

EMAIL_BACKEND = env_str("ENLACE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("ENLACE_FROM_EMAIL", "enlace@localhost")

ENLACE_TWO_FACTOR_URL = "/accounts/two-factor/"
# Absolute links in e-mails (reminders, digests), e.g. https://enlace.example.org
ENLACE_BASE_URL = env_str("ENLACE_BASE_URL", "")
# Directory: a contact or service not confirmed for this many days is flagged "to confirm";
# a contact is reminded at most once per interval.
ENLACE_CONTACT_CONFIRM_DAYS = env_int("ENLACE_CONTACT_CONFIRM_DAYS", 180)
ENLACE_CONTACT_REMINDER_INTERVAL_DAYS = env_int("ENLACE_CONTACT_REMINDER_INTERVAL_DAYS", 30)

# Encryption at rest (enlace.core.crypto). Without ENLACE_KEYS / ENLACE_KEY_FILE, development
# and demo runs create var/keys; production refuses to start without configured keys.
ENLACE_KEYS = env_str("ENLACE_KEYS", "")
ENLACE_KEY_FILE = env_str("ENLACE_KEY_FILE")
ENLACE_INDEX_KEY = env_str("ENLACE_INDEX_KEY", "")
ENLACE_AUDIT_KEYS = env_str("ENLACE_AUDIT_KEYS", "")
# `enlace audit checkpoint` writes the signed chain head here; `audit verify` checks them all.
ENLACE_AUDIT_CHECKPOINT_DIR = Path(
    env_str("ENLACE_AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit-checkpoints"))
)
ENLACE_ALLOW_GENERATED_KEYS = True
