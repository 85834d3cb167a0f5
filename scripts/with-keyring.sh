#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring, so the real
# Secret Service store is used (tests, CI, headless machines) without touching the user's own
# keyring. XDG folders point at a fresh temp dir: an existing login keyring would not unlock.
#   scripts/with-keyring.sh cargo test
set -euo pipefail
if [ "${ACUCHART_IN_KEYRING_SESSION:-}" = 1 ]; then exec "$@"; fi
scratch="$(mktemp -d -t acuchart-keyring.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/cache" "$scratch/config" "$scratch/runtime"
chmod 700 "$scratch/runtime"
export XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" \
       XDG_CONFIG_HOME="$scratch/config" XDG_RUNTIME_DIR="$scratch/runtime" \
       ACUCHART_IN_KEYRING_SESSION=1
# gnome-keyring-daemon 42 occasionally aborts (a GLib assertion) when many short-lived clients
# come and go; a keeper loop starts a new one, unlocked with the same password, so a suite
# does not fail because the test keyring went away.
exec dbus-run-session -- bash -c '
  keep_keyring() {
    while :; do
      (printf %s "acuchart-test-keyring" |
        gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1) || true
      sleep 0.1
    done
  }
  keep_keyring &
  keeper=$!
  for _ in $(seq 200); do [ -S "$XDG_RUNTIME_DIR/keyring/control" ] && break; sleep 0.05; done
  status=0
  "$@" || status=$?
  kill "$keeper" 2>/dev/null || true
  exit "$status"' bash "$@"
