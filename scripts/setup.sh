#!/usr/bin/env bash
# Installs what AcuChart needs to build, run and test on Debian/Ubuntu.
# Idempotent: each step checks first, so a second run takes a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config libssl-dev file
  libwebkit2gtk-4.1-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev libgtk-3-dev
  librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  xvfb xauth webkit2gtk-driver dbus dbus-x11 gnome-keyring keyutils
  fonts-dejavu-core fonts-noto-cjk poppler-utils python3-venv
  # A real PDF viewer, for the end-to-end test of "Open in viewer" (tests/e2e/viewer_copies.rs).
  mupdf
  # The tests' throwaway PostgreSQL (scripts/with-postgres.sh). On Debian 12 the contrib
  # extensions (btree_gist, pg_trgm, unaccent) ship inside postgresql-15: "postgresql-contrib-15"
  # is only a name it provides, which dpkg never reports installed, so listing it here would
  # run apt-get on every setup. The package also creates and starts a "main" cluster on port
  # 5432; nothing of ours uses it.
  postgresql-15
)

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_if_needed apt-get update -qq
  sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed: see https://rustup.rs, then run this again." >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "Node.js 20+ with npm is not installed: install it, then run this again." >&2
  exit 1
fi

# tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
# Pinned to 2.x: crates.io's newest is a 3.0 alpha that does not match Tauri 2.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  log "installing tauri-driver 2.x"
  cargo install tauri-driver --version '^2' --locked --quiet
fi

# The independent FHIR validator the export tests run (fhir.resources in target/fhir-venv).
scripts/validate-fhir.sh --install

# npm ci only when the lock file changed since the last install.
stamp=ui/node_modules/.acuchart-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
  log "installing UI packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json "$stamp"
fi
