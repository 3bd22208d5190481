#!/usr/bin/env bash
# Runs the end-to-end suite: packages the .vsix, then drives it in code-server through
# Chromium and drives the server from headless Neovim. Where the tools are missing it skips
# with a message (so `npm test` stays runnable anywhere), except under CI, where it fails:
# CI runs scripts/ci-setup.sh first, which installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
code_server=.cache/code-server/node_modules/.bin/code-server
[ -x "$code_server" ] || missing+=("code-server (in .cache/code-server)")
[ -x /usr/bin/chromium ] || missing+=("chromium")
[ -x /usr/bin/nvim ] || missing+=("neovim")

if [ ${#missing[@]} -gt 0 ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "e2e: FAILED: missing ${missing[*]}; CI must run scripts/ci-setup.sh first" >&2
    exit 1
  fi
  echo "e2e: SKIPPED: this machine lacks ${missing[*]}; run scripts/ci-setup.sh to install them"
  exit 0
fi

npm run package
mkdir -p test-output/e2e
npx vitest run --config test/e2e/vitest.config.ts "$@"
