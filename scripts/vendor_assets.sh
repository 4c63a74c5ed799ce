#!/usr/bin/env bash
# Copy the npm packages the site serves into var/vendor (collected as static/vendor/...). No CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=var/vendor
rm -rf "$dest" && mkdir -p "$dest/utrecht/component-library-css" "$dest/utrecht/design-tokens" "$dest/htmx.org" "$dest/axe-core"
# Only the files the pages link to: collectstatic's manifest post-processing follows every url() it sees.
mkdir -p "$dest/utrecht/component-library-css/dist" "$dest/utrecht/design-tokens/dist" "$dest/htmx.org/dist"
cp node_modules/@utrecht/component-library-css/dist/index.css "$dest/utrecht/component-library-css/dist/"
cp node_modules/@utrecht/design-tokens/dist/index.css "$dest/utrecht/design-tokens/dist/"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx.org/dist/"
cp node_modules/axe-core/axe.min.js "$dest/axe-core/"
for pkg in @utrecht/component-library-css @utrecht/design-tokens htmx.org axe-core; do
  cp node_modules/$pkg/LICENSE* "$dest/${pkg#@}/" 2>/dev/null || true
done
