"""Every model and page type of ours has a factory in tests/factories.py, and each builds a valid record."""

import inspect

import pytest
from factory.django import DjangoModelFactory
from wagtail.models import Page

from core.project import project_app_configs
from tests import factories

OUR_APPS = project_app_configs()
FACTORIES = {
    factory._meta.model: factory
    for _name, factory in inspect.getmembers(factories, inspect.isclass)
    if issubclass(factory, DjangoModelFactory) and factory._meta.model is not None
}
OUR_MODELS = [model for config in OUR_APPS for model in config.get_models()]


def test_every_model_and_page_type_has_a_factory():
    assert OUR_MODELS, "no models found: the app filter is wrong"
    missing = [model._meta.label for model in OUR_MODELS if model not in FACTORIES]
    assert missing == [], f"add a factory to tests/factories.py for {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda model: model._meta.label)
def test_each_factory_builds_a_valid_saved_record(model):
    record = FACTORIES[model]()
    record.refresh_from_db()
    if isinstance(record, Page):
        assert record.get_parent() is not None
        record.full_clean()
    else:
        record.full_clean(validate_unique=False, validate_constraints=False)
    assert model.objects.filter(pk=record.pk).exists()
