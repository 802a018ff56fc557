from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def two_factor_in_production(app_configs, **kwargs):
    """Production never runs without the second factor or in demo mode."""
    errors = []
    if settings.ENLACE_DEMO:
        errors.append(Error("ENLACE_DEMO is on in a deployment.", id="enlace.E001",
                            hint="Demo mode is for trying the product on one machine."))
    if not settings.ENLACE_REQUIRE_2FA:
        errors.append(Error("Two-factor login is switched off.", id="enlace.E002",
                            hint="Every role must log in with a TOTP code in production."))
    hashers = settings.PASSWORD_HASHERS
    if not hashers or "Argon2" not in hashers[0]:
        errors.append(Error("Passwords must be hashed with Argon2.", id="enlace.E003"))
    return errors
