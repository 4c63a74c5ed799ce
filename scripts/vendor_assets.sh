#!/usr/bin/env bash
# Copy the npm packages the site serves into var/vendor (collected as static/vendor/...). No CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=var/vendor
rm -rf "$dest" && mkdir -p "$dest/utrecht/component-library-css" "$dest/utrecht/design-tokens" "$dest/htmx.org" "$dest/axe-core"
cp -r node_modules/@utrecht/component-library-css/dist "$dest/utrecht/component-library-css/"
cp -r node_modules/@utrecht/design-tokens/dist "$dest/utrecht/design-tokens/"
cp -r node_modules/htmx.org/dist "$dest/htmx.org/"
cp node_modules/axe-core/axe.min.js "$dest/axe-core/"
for pkg in @utrecht/component-library-css @utrecht/design-tokens htmx.org axe-core; do
  cp node_modules/$pkg/LICENSE* "$dest/${pkg#@}/" 2>/dev/null || true
done
