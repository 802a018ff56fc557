from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def two_factor_in_production(app_configs, **kwargs):
    """Production never runs without the second factor or in demo mode."""
    errors = []
    if settings.ENLACE_DEMO:
        errors.append(
            Error(
                "ENLACE_DEMO is on in a deployment.",
                id="enlace.E001",
                hint="Demo mode is for trying the product on one machine.",
            )
        )
    if not settings.ENLACE_REQUIRE_2FA:
        errors.append(
            Error(
                "Two-factor login is switched off.",
                id="enlace.E002",
                hint="Every role must log in with a TOTP code in production.",
            )
        )
    hashers = settings.PASSWORD_HASHERS
    if not hashers or "Argon2" not in hashers[0]:
        errors.append(Error("Passwords must be hashed with Argon2.", id="enlace.E003"))
    return errors


@register(Tags.security, deploy=True)
def audit_key_with_the_data_keys(app_configs, **kwargs):
    """A deployment that configures its encryption keys configures the audit key beside them
    (an upgrade from before the keyed audit trail would otherwise fail at the first event)."""
    if not (settings.ENLACE_KEYS or settings.ENLACE_KEY_FILE):
        return []
    from django.core.exceptions import ImproperlyConfigured

    from enlace.core import crypto

    try:
        ring = crypto.keyring()
    except (ImproperlyConfigured, OSError) as exc:
        return [Error(f"The encryption keys cannot be read: {exc}", id="enlace.E004")]
    if not ring.audit_keys:
        return [
            Error(
                "No audit key is configured.",
                id="enlace.E005",
                hint="Add ENLACE_AUDIT_KEYS, or an 'audit1:' line to the key file "
                "(`enlace keys new audit1` prints one).",
            )
        ]
    return []
