from django.apps import AppConfig


class ShareableTestConfig(AppConfig):
    """Installed only by test settings: a minimal shareable record proving the access policy."""

    name = "enlace.access.tests.shareable"
    label = "shareable_test"
