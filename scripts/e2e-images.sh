#!/usr/bin/env bash
# Copies the end-to-end screenshots the docs show from test-output/e2e/ to docs/images/,
# after a passing `npm run test:e2e`. Missing screenshots are reported and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/images
declare -A images=(
  [01-finding]=finding
  [02-quick-fix]=quick-fix
  [03-fixed]=fixed
  [04-probe-codelens]=codelens
  [04-probe-inlay-hints]=inlay-hints
  [05-plot]=plot
)
for shot in "${!images[@]}"; do
  from="test-output/e2e/$shot.png"
  if [ -f "$from" ]; then
    cp "$from" "docs/images/${images[$shot]}.png"
    echo "e2e-images: docs/images/${images[$shot]}.png from $from"
  else
    echo "e2e-images: no $from; docs/images/${images[$shot]}.png left as it was"
  fi
done
