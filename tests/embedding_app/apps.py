from django.apps import AppConfig


class EmbeddingTestConfig(AppConfig):
    """A page type that exists only in the tests (config/settings/test.py installs it)."""

    name = "tests.embedding_app"
    label = "embedding_test"
