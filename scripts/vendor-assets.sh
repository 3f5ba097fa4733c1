#!/usr/bin/env bash
# Copy the pinned front-end files from node_modules into static/vendor.
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
for subset in arabic latin; do
  for weight in 400 700; do
    cp "$font/files/ibm-plex-sans-arabic-$subset-$weight-normal.woff2" "$dest/ibm-plex-sans-arabic/"
  done
done
cp "$font/LICENSE" "$dest/ibm-plex-sans-arabic/OFL.txt"
echo "vendored: $(cd "$dest" && find . -type f | sort | tr '\n' ' ')"
