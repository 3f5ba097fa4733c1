#!/usr/bin/env bash
# Debian packages the project needs, installed when missing.
#   scripts/system-packages.sh         what `make test` needs: what `make run` needs, Chromium
#                                      for the browser journeys, Varnish for the caching-proxy
#                                      test (tests/test_varnish.py), poppler-utils to look at
#                                      the certificates' PDFs (pdftoppm, pdftotext)
#   scripts/system-packages.sh --run   what `make run` needs: gettext for the catalogue, and for
#                                      the certificates' PDFs (WeasyPrint) Pango and the full
#                                      Noto fonts (Arabic shaped and joined)
#   scripts/system-packages.sh --bench what `make bench` needs: gettext, wrk, Chromium and the fonts
# Installs with apt-get when run as root (CI and the project's machines) or with
# password-less sudo; otherwise says exactly what to install and fails, so
# `make test` never stops half-explained. CHROMIUM, NOTO_DIR, VARNISHD, PDFTOPPM, LDCONFIG
# and APT_GET can be overridden (the tests do).
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
NOTO_DIR="${NOTO_DIR:-/usr/share/fonts/truetype/noto}"
VARNISHD="${VARNISHD:-/usr/sbin/varnishd}"
PDFTOPPM="${PDFTOPPM:-pdftoppm}"
LDCONFIG="${LDCONFIG:-ldconfig}"
APT_GET="${APT_GET:-apt-get}"

has_library() {
  { "$LDCONFIG" -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } | grep -q "$1"
}

missing=()
# Every mode: WeasyPrint's Pango, and the fonts the certificates are printed in.
has_library "libpango-1.0.so.0" || missing+=(libpango-1.0-0)
has_library "libpangoft2-1.0.so.0" || missing+=(libpangoft2-1.0-0)
[ -f "$NOTO_DIR/NotoNaskhArabic-Regular.ttf" ] || missing+=(fonts-noto-core)
case "${1:-}" in
  --run) ;;
  *)
    [ -x "$CHROMIUM" ] || missing+=(chromium)
    [ -x "$VARNISHD" ] || missing+=(varnish)
    command -v "$PDFTOPPM" >/dev/null || missing+=(poppler-utils)
    ;;
esac
if [ "${1:-}" = "--bench" ]; then
  command -v wrk >/dev/null || missing+=(wrk)
fi
command -v msgfmt >/dev/null || missing+=(gettext)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "==> Installing the system packages the project needs: ${missing[*]}"
if command -v "$APT_GET" >/dev/null && [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  "$APT_GET" update -q
  "$APT_GET" install -y -q --no-install-recommends "${missing[@]}"
elif command -v "$APT_GET" >/dev/null && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo -n env DEBIAN_FRONTEND=noninteractive "$APT_GET" update -q
  sudo -n env DEBIAN_FRONTEND=noninteractive "$APT_GET" install -y -q --no-install-recommends "${missing[@]}"
else
  echo "Cannot install ${missing[*]} from here (not root, no password-less sudo, or no apt-get)." >&2
  echo "Install them, then run the command again:" >&2
  echo "  Debian: sudo apt-get install -y ${missing[*]}" >&2
  echo "  Elsewhere: Chromium at /usr/bin/chromium, the Noto fonts, Varnish 7, GNU gettext (msgfmt)," >&2
  echo "  Pango 1.44 or later (WeasyPrint) and poppler's pdftoppm." >&2
  exit 1
fi
