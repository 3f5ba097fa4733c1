#!/usr/bin/env bash
# Copy the pinned front-end files from node_modules into static/vendor, subset
# the font, and build the site's stylesheets (scripts/build-css.mjs).
# The copies are committed, so `make run` never needs npm or the network;
# run this only when package.json changes (`make vendor`).
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
dest=static/vendor
rm -rf "$dest/bootstrap" "$dest/ibm-plex-sans-arabic"
mkdir -p "$dest/bootstrap" "$dest/ibm-plex-sans-arabic"
cp node_modules/bootstrap/dist/css/bootstrap.min.css \
   node_modules/bootstrap/dist/css/bootstrap.rtl.min.css \
   node_modules/bootstrap/LICENSE "$dest/bootstrap/"
# Strip the sourceMappingURL comments: the .map files are not vendored, and a
# dangling reference makes whitenoise's manifest storage fail at collectstatic.
sed -i '/sourceMappingURL/d' "$dest"/bootstrap/*.css
font=node_modules/@fontsource/ibm-plex-sans-arabic
# Each font file is cut to the characters of its script (scripts/subset_fonts.py says why).
.venv/bin/python scripts/subset_fonts.py
cp "$font/LICENSE" "$dest/ibm-plex-sans-arabic/OFL.txt"
node scripts/build-css.mjs
echo "vendored: $(cd "$dest" && find . -type f | sort | tr '\n' ' ')"
