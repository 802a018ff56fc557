"""Production settings: secure defaults, two-factor login always on, no demo."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_int, env_str

DEBUG = False
if not env_str("ENLACE_SECRET_KEY"):
    raise ImproperlyConfigured("ENLACE_SECRET_KEY must be set in production")
SECRET_KEY = env_str("ENLACE_SECRET_KEY")

# Never configurable in production: every role logs in with a second factor.
ENLACE_DEMO = False
ENLACE_REQUIRE_2FA = True

SECURE_SSL_REDIRECT = env_bool("ENLACE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("ENLACE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

ENLACE_ALLOW_GENERATED_KEYS = False
