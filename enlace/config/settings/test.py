"""Test settings: SQLite in memory, or ENLACE_TEST_DATABASE_URL (the PostgreSQL lane of CI)."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, database_config, env_str

TEST_DATABASE_URL = env_str("ENLACE_TEST_DATABASE_URL")
if TEST_DATABASE_URL:
    DATABASES = {"default": database_config(TEST_DATABASE_URL)}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": DATABASES["default"]["NAME"] + "_enlace_test"}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

# The test-only shareable model that proves the access policy.
INSTALLED_APPS = [*INSTALLED_APPS, "enlace.access.tests.shareable"]

SECRET_KEY = "test-secret-key-not-for-production-use-0123456789abcdefghij"  # noqa: S105
ENLACE_DEMO = False
ENLACE_REQUIRE_2FA = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Argon2 stays the first hasher in every other environment (asserted by a test); a cheap
# hasher here keeps thousands of logins in the access-matrix test fast.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
REST_FRAMEWORK = {**REST_FRAMEWORK}  # noqa: F405
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "10000/minute", "user": "100000/minute"}

# Fixed test keys (two data keys, so rotation can be tested, and the blind-index key).
ENLACE_KEYS = (
    "t1:2q5H3mWQz0oX8m1cG0m3S3a9xkqgS8yC5Gm3rU0Fq0Y=,"
    "t0:QmFzZTY0LWVuY29kZWQtMzItYnl0ZS10ZXN0LWtleSE="
)
ENLACE_INDEX_KEY = "aW5kZXgta2V5LWZvci10ZXN0cy0zMi1ieXRlcy1sb24="
ENLACE_AUDIT_KEYS = "audit-t1:YXVkaXQta2V5LWZvci10ZXN0cy0zMi1ieXRlcy1sb24="
ENLACE_KEY_FILE = None
