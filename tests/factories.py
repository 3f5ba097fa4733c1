"""Factories for what tests create (factory_boy).

One definition of a valid record per model, so a test states only what
matters to it: ``VolunteerApplicationFactory(status="declined")``.
"""

import random

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from volunteer_signup.models import VolunteerApplication


def new_phone():
    """A valid mobile number no demo application uses (they are 0500000 1xx)."""
    return "058" + "".join(random.choice("0123456789") for _ in range(7))


def locale(code):
    return factory.LazyFunction(lambda: Locale.objects.get(language_code=code))


class VolunteerApplicationFactory(DjangoModelFactory):
    class Meta:
        model = VolunteerApplication
        skip_postgeneration_save = True

    full_name = "Queue Applicant"
    phone = factory.LazyFunction(new_phone)
    email = ""
    age_band = "25_34"
    motivation = "I want to help."
    consented_at = factory.LazyFunction(timezone.now)
    locale = locale("en")
    languages = factory.LazyFunction(lambda: ["ar", "en"])
    availability = factory.LazyFunction(lambda: ["weekends"])

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.roles.set(extracted)
