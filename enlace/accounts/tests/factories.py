import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from enlace.accounts.choices import Role
from enlace.accounts.models import User
from enlace.core.models import Organization

PASSWORD = "Correct-Horse-Battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")
    role = Role.LIAISON
    organization = factory.LazyFunction(lambda: Organization.objects.get(code="CR-NLO"))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


def totp_device(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def user_for(role: Role, organization_code: str, username: str) -> User:
    return UserFactory(
        username=username, role=role, organization=Organization.objects.get(code=organization_code)
    )
