"""The certificate as a PDF, rendered on demand from its snapshot by WeasyPrint.

WeasyPrint lays text out with Pango and HarfBuzz, so Arabic is shaped and joined and the
page runs right to left from ``dir="rtl"``. It uses the system's full Noto fonts
(Debian's ``fonts-noto-core``, installed by ``scripts/system-packages.sh``), not the site's
web fonts, which are cut to the scripts' letters for the browser. The QR code (segno, SVG)
holds the absolute address of the verification page, which is printed in text as well.
"""

import segno
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site

from .issuing import verification_path


def site_root():
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "").rstrip("/")


def verification_url(certificate):
    return site_root() + verification_path(certificate)


def qr_data_uri(url):
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#111")


def render_pdf(certificate):
    """The PDF's bytes, in the certificate's language."""
    import weasyprint  # Pango is loaded only when a certificate is rendered

    url = verification_url(certificate)
    with translation.override(certificate.language):
        html = render_to_string(
            "certificates/certificate.html",
            {
                "certificate": certificate,
                "url": url,
                "qr": qr_data_uri(url),
                "language": certificate.language,
                "direction": "rtl" if certificate.language == "ar" else "ltr",
            },
        )
    return weasyprint.HTML(string=html, base_url=None).write_pdf()
