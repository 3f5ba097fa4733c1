"""Response headers that limit what a page may load and do: CSP, Permissions-Policy, CORP.

Public pages carry no inline script or style at all, so their Content-Security-Policy
is strict and the same for every visitor (pages are going to be cached): scripts,
styles, fonts and images from this site only; no plugins, no <base>, no framing,
forms posting only here. The Wagtail admin gets its own policy
(``ADMIN_CONTENT_SECURITY_POLICY``): no inline script either (the widgets Wagtail
starts inline are started from a file, core/admin_scripts.py), but inline styles,
which Wagtail's editors still set; and frames and blob: media for previews and uploads.
``CSP_REPORT_ONLY`` sends the policy as report-only while a change is tried.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIX = "/admin/"


def _admin_policy(request):
    return request.path_info.startswith(ADMIN_PREFIX)


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's policy for /admin/, plus two more headers."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        setting = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        in_use = getattr(settings, setting, None)
        if parts.config is None and in_use and _admin_policy(request):
            return PolicyParts(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"], *_rest(parts))
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        return response


def _rest(parts):
    return parts.update, parts.replace, parts.nonce
