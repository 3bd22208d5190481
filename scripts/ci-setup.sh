#!/usr/bin/env bash
# Installs what the end-to-end tests need on a clean Debian machine: ripgrep, Kerberos headers,
# Chromium and Neovim from Debian, and code-server from npm into .cache/code-server (not a
# dependency of the package). Idempotent: a second run only checks and returns.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION="4.100.3"
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11, which downloads ripgrep v13.0.0-10.
RIPGREP_PACKAGE_VERSION="1.15.11"
RIPGREP_RELEASE="v13.0.0-10"
CACHE_DIR="$PWD/.cache/code-server"

log() { echo "ci-setup: $*"; }

install_debian_packages() {
  local missing=()
  command -v rg >/dev/null || missing+=(ripgrep)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v nvim >/dev/null || missing+=(neovim)
  if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages present"
    return
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q -o DPkg::Lock::Timeout=600
  apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}"
}

# @vscode/ripgrep's postinstall fetches a release asset from the network unless a file of the
# expected name already sits in <tmpdir>/vscode-ripgrep-cache-<package version>/; the archive
# only has to hold an `rg` binary at its root, so Debian's binary serves.
seed_ripgrep_cache() {
  local tmp arch target cache asset
  tmp="$(node -p 'require("os").tmpdir()')"
  arch="$(node -p 'process.arch')"
  case "$arch" in
    x64) target="x86_64-unknown-linux-musl" ;;
    arm64) target="aarch64-unknown-linux-musl" ;;
    *) log "no ripgrep target for $arch; code-server's install may fail"; return ;;
  esac
  cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
  asset="$cache/ripgrep-$RIPGREP_RELEASE-$target.tar.gz"
  if [ -s "$asset" ]; then return; fi
  mkdir -p "$cache"
  local staging
  staging="$(mktemp -d)"
  cp "$(command -v rg)" "$staging/rg"
  tar -czf "$asset" -C "$staging" rg
  rm -rf "$staging"
  log "seeded ripgrep cache at $asset"
}

install_code_server() {
  local stamp="$CACHE_DIR/installed-$CODE_SERVER_VERSION"
  if [ -f "$stamp" ] && [ -x "$CACHE_DIR/node_modules/.bin/code-server" ]; then
    log "code-server $CODE_SERVER_VERSION present"
    return
  fi
  log "installing code-server $CODE_SERVER_VERSION into $CACHE_DIR (several minutes)"
  mkdir -p "$CACHE_DIR"
  [ -f "$CACHE_DIR/package.json" ] || echo '{"name":"initlint-e2e-tools","private":true}' \
    >"$CACHE_DIR/package.json"
  (
    cd "$CACHE_DIR"
    # npm 11 skips dependency install scripts unless allowed; code-server's postinstall runs
    # nested npm installs in lib/vscode that build native modules (node-pty, spdlog, kerberos),
    # so scripts are allowed for this one pinned install only.
    npm_config_unsafe_perm=true npm_config_yes=true \
      npm_config_dangerously_allow_all_scripts=true \
      npm install --no-audit --no-fund --no-package-lock "code-server@$CODE_SERVER_VERSION"
  )
  local rg="$CACHE_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  if [ ! -x "$rg" ]; then
    log "code-server's install left no ripgrep at $rg"
    exit 1
  fi
  touch "$stamp"
}

install_debian_packages
seed_ripgrep_cache
install_code_server
log "done"
