#!/usr/bin/env bash
# Copy the dashboard's browser libraries from npm into src/lagebild/api/web/vendor.
#
# The versions are pinned in package.json / package-lock.json at the repository root. Only the
# minified files below (and each package's licence) are committed; node_modules/ is not. The
# server never fetches anything at run time: every script, style sheet and map outline it
# serves comes from the vendor folder.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund --ignore-scripts

VENDOR=src/lagebild/api/web/vendor
rm -rf "$VENDOR"
mkdir -p "$VENDOR"/{echarts,swagger-ui,topojson-client,world-atlas}

# Charts: timeline, actor network and map (SVG renderer).
cp node_modules/echarts/dist/echarts.min.js "$VENDOR/echarts/"
cp node_modules/echarts/LICENSE node_modules/echarts/NOTICE "$VENDOR/echarts/"
# Swagger UI for /docs.
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css "$VENDOR/swagger-ui/"
cp node_modules/swagger-ui-dist/LICENSE "$VENDOR/swagger-ui/"
# TopoJSON decoder and Natural Earth 1:110m country outlines for the offline map.
cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE "$VENDOR/topojson-client/"
cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/LICENSE "$VENDOR/world-atlas/"

# Record what was copied, with versions, next to the files.
node -e '
const pkgs = ["echarts", "swagger-ui-dist", "topojson-client", "world-atlas"];
const lines = pkgs.map(p => { const j = require("./node_modules/" + p + "/package.json"); return `${p} ${j.version} ${j.license}`; });
require("fs").writeFileSync(process.argv[1], lines.join("\n") + "\n");
' "$VENDOR/VERSIONS.txt"
du -sh "$VENDOR"
