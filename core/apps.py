from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The foundation every other app of ours builds on; it imports none of them."""

    name = "core"
    verbose_name = _("Site settings and shared parts")

    def ready(self):
        # wagtail-localize saves a translated page's slug through Django's
        # slugify() without allow_unicode (wagtail_localize/models.py, in
        # TranslationSource.create_or_update_translation), so an Arabic
        # translation's slug "السلامة-المرورية-2026" became "2026". Its module
        # looks the function up at call time: give it ours, which keeps Unicode
        # as WAGTAIL_ALLOW_UNICODE_SLUGS says and applies the site's slug rule.
        # tests/test_translation_workflow.py checks the result.
        import wagtail_localize.models

        from core import admin_scripts, client_address, page_cache, per_request, routing  # noqa: F401 - client_address: its check
        from core.slugs import slugify_title

        wagtail_localize.models.slugify = slugify_title
        # Choosers write an inert start marker instead of an inline script, so the
        # admin's CSP can forbid inline scripts (core/admin_scripts.py).
        admin_scripts.install()
        page_cache.connect_signals()
        # View restrictions and locales, which Wagtail looks up again and again in one
        # request, are looked up once (core/per_request.py).
        per_request.install()
        # A page is found in two queries whichever its language (core/routing.py).
        routing.install()
