#!/usr/bin/env bash
# Score a production-like server on loopback with the MDN HTTP Observatory's own tests
# (`make observatory`). Production settings, gunicorn, collected static files and the demo,
# over plain HTTP: TLS ends at the load balancer, so the scan cannot judge HSTS or the
# redirection to HTTPS, and SECURE_SSL_REDIRECT is off for it (nothing else is changed).
# The scorer comes from npm (@mdn/mdn-http-observatory, installed without its install
# script, which downloads a CA list and the HSTS preload list from the internet) into
# .cache/observatory.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${OBSERVATORY_PORT:-8765}"
WORK="$(mktemp -d)"
CACHE=".cache/observatory"
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

if [ ! -d "$CACHE/node_modules/@mdn/mdn-http-observatory" ]; then
  echo "==> Installing the Observatory scorer from npm"
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-audit --no-fund --ignore-scripts @mdn/mdn-http-observatory@1 >/dev/null
fi
# Its install script would fetch Chromium's HSTS preload list; an empty one stands in
# (127.0.0.1 is on no preload list).
PRELOAD="$CACHE/node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json"
[ -f "$PRELOAD" ] || echo '{}' > "$PRELOAD"
cp scripts/observatory-scan.mjs "$CACHE/scan.mjs"

cat > "$WORK/observatory_settings.py" <<'PY'
from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False  # the scan speaks plain HTTP; TLS ends at the load balancer
PY
export PYTHONPATH="$WORK:$PWD" DJANGO_SETTINGS_MODULE=observatory_settings
export SECRET_KEY="observatory-scan-$(date +%s)-not-a-real-secret-key-0123456789abcdef"
export ALLOWED_HOSTS="127.0.0.1" DATABASE_URL="sqlite:///$WORK/db.sqlite3" REDIS_URL="redis://127.0.0.1:6379/9"
export TRUSTED_PROXIES="10.0.0.0/8" STAFF_EMAIL_DOMAINS="police.example" WAGTAILADMIN_BASE_URL="http://127.0.0.1:$PORT"
export STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media"
PY=.venv/bin/python

echo "==> Preparing a production-like site (migrate, demo, collectstatic)"
$PY manage.py migrate --noinput >/dev/null
$PY manage.py load_demo_content >/dev/null
$PY manage.py set_site_address 127.0.0.1 "$PORT" >/dev/null
$PY manage.py collectstatic --noinput >/dev/null
.venv/bin/gunicorn config.wsgi --config gunicorn.conf.py --bind "127.0.0.1:$PORT" --workers 1 --log-level warning &
SERVER=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/robots.txt" >/dev/null && break; sleep 0.5; done

status=0
# The admin's policy allows inline styles only (Wagtail's editors set style attributes),
# which the Observatory does not mark down: every page, the admin's sign-in included, must be A+.
for path in /ar/ /en/campaigns/volunteer-programme/ /ar/no-such-page/ /admin/login/; do
  echo "==> $path (must be A+)"
  node "$CACHE/scan.mjs" 127.0.0.1 "$PORT" "$path" | tee "$WORK/result.json"
  grep -q '"grade": "A+"' "$WORK/result.json" || status=1
done
exit $status
