#!/usr/bin/env bash
# Refreshes src/frontwatch/web/static/vendor/ from npm, exactly as web/package-lock.json pins it.
#
# The dashboard must work with no internet, so the browser libraries and the basemap are shipped
# inside the Python package rather than fetched from a CDN. node_modules lives in the ignored
# .cache/ build area, never in the source tree; only the files the page loads (and their
# licences) are copied. Run through `make vendor`; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."

build=.cache/web-npm
vendor=src/frontwatch/web/static/vendor

rm -rf "$build"
mkdir -p "$build"
cp web/package.json web/package-lock.json "$build/"
(cd "$build" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
modules="$build/node_modules"

rm -rf "$vendor"
mkdir -p "$vendor"/leaflet/images "$vendor"/leaflet.markercluster "$vendor"/topojson-client "$vendor"/world-atlas

cp "$modules"/leaflet/dist/leaflet.js "$modules"/leaflet/dist/leaflet.css "$modules"/leaflet/LICENSE \
    "$vendor"/leaflet/
cp "$modules"/leaflet/dist/images/*.png "$vendor"/leaflet/images/
cp "$modules"/leaflet.markercluster/dist/leaflet.markercluster.js \
    "$modules"/leaflet.markercluster/dist/MarkerCluster.css \
    "$modules"/leaflet.markercluster/MIT-LICENCE.txt "$vendor"/leaflet.markercluster/
cp "$modules"/topojson-client/dist/topojson-client.min.js "$modules"/topojson-client/LICENSE \
    "$vendor"/topojson-client/
# Natural Earth 1:50m country outlines: sharp enough at province zoom, still under 1 MB.
cp "$modules"/world-atlas/countries-50m.json "$modules"/world-atlas/LICENSE "$vendor"/world-atlas/

# Provenance: which release each directory came from.
for package in leaflet leaflet.markercluster topojson-client world-atlas; do
    node -e 'const p = require(process.argv[1]); console.log(`${p.name}@${p.version} (${p.license})`)' \
        "$PWD/$modules/$package/package.json"
done > "$vendor"/VERSIONS.txt
echo "Natural Earth data (world-atlas) is in the public domain." >> "$vendor"/VERSIONS.txt

chmod -R u=rwX,go=rX "$vendor"  # npm tarballs carry stray executable bits
du -sh "$vendor"
