"""URLs. Public pages live under a language prefix (/ar/, /en/); a request for
``/`` is redirected by LocaleMiddleware using the language cookie, then
Accept-Language, then Arabic. Admin, documents, sitemap, robots.txt and the
language switcher's route are language-neutral."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.session_expiry import keep_alive
from campaigns.views import search
from core.language import choose_language
from core.sitemaps import I18nSitemap
from core.views import not_here, robots_txt
from submissions.views import form_token

urlpatterns = [
    path("admin/failwhale/", not_here),
    path("admin/two-factor/", include("accounts.urls")),
    path("admin/keep-alive/", keep_alive, name="accounts_keep_alive"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": I18nSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("language/<str:code>/", choose_language, name="choose_language"),
    path("forms/token/", form_token, name="form_token"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA_FILES", False):
    # Local development and the browser tests; production serves media from
    # object storage or the web server.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}))

urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("", include("certificates.urls")),
    path("applicant/", include("volunteer_signup.urls")),
    path("", include("feedback.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler500 = "core.views.server_error"
