#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster made for it in a temp folder, then
# stops and removes the cluster whatever the command's outcome; the command's exit code is ours.
#   scripts/with-postgres.sh cargo test
#   scripts/with-keyring.sh scripts/with-postgres.sh cargo test -p acuchart-core
#
# The command sees (never the Debian "main" cluster on port 5432, so tests do not depend on it):
#   ACUCHART_TEST_DATABASE_URL   postgres://acuchart@127.0.0.1:PORT/acuchart_test — an ordinary
#                                role that owns that database and may create others (CREATEDB),
#                                as the app's role would be on a clinic server;
#   ACUCHART_TEST_PG_ADMIN_URL   postgres://postgres@127.0.0.1:PORT/postgres — the superuser,
#                                for tests that must act as the server's administrator;
#   ACUCHART_TEST_PG_CA          the PEM file of the authority that signed the server's TLS
#                                certificate (for 127.0.0.1 and localhost).
# Authentication is `trust`, reachable only over loopback and a private socket folder.
set -euo pipefail

# A nested call (e.g. a Makefile target run from a shell already inside this script) reuses
# the cluster it is in.
if [ "${ACUCHART_IN_PG_CLUSTER:-}" = 1 ]; then exec "$@"; fi
if [ $# -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh COMMAND [ARGS...]" >&2
  exit 2
fi

PG_BIN="${ACUCHART_PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL 15 is not installed ($PG_BIN/initdb not found): run scripts/setup.sh." >&2
  exit 1
fi

# initdb refuses to run as root (CI runs as root), so the server runs as the `postgres` account
# the Debian package creates; an ordinary user runs the binaries directly.
if [ "$(id -u)" -eq 0 ]; then
  as_server() { runuser -u postgres -- "$@"; }
else
  as_server() { "$@"; }
fi

scratch="$(mktemp -d -t acuchart-pg.XXXXXX)"
data="$scratch/data"
sockets="$scratch/sockets"
started=0
# shellcheck disable=SC2317 # run by the EXIT trap, which shellcheck 0.9 does not follow
cleanup() {
  if [ "$started" = 1 ]; then
    # Immediate: the cluster is thrown away, so there is nothing to flush.
    (cd "$scratch" && as_server "$PG_BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1) || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT
# Until COMMAND runs, a signal ends the script through its EXIT trap.
trap 'exit 130' INT
trap 'exit 143' TERM HUP

mkdir -p "$sockets"
chmod 700 "$scratch" "$sockets"
if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$scratch"; fi

# The server's working folder: the caller's may not be readable by `postgres`.
cd_server() { (cd "$scratch" && as_server "$@"); }

# C.UTF-8 sorts text by code point, as SQLite's BINARY collation does, and still knows the case
# of non-ASCII letters (lower(), the search's folding); UTF8 for every script a name uses.
# --no-sync: nothing here has to survive a power cut (see fsync=off below), and it halves the time.
t0="$(date +%s%N)"
cd_server "$PG_BIN/initdb" --no-sync -D "$data" --username=postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 --no-instructions >"$scratch/initdb.log" 2>&1 || {
  cat "$scratch/initdb.log" >&2
  exit 1
}
# Only loopback and the private socket; no replication entries.
cat >"$data/pg_hba.conf" <<'EOF'
local all all              trust
host  all all 127.0.0.1/32 trust
EOF
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data/pg_hba.conf"; fi

# TLS with a certificate authority made for this run, so tests can prove an encrypted, checked
# connection (ACUCHART_TEST_PG_CA names the authority; the server's certificate is for
# 127.0.0.1 and localhost). Plain connections stay allowed, as on a clinic's own computer.
make_certificates() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=AcuChart test authority" \
    -keyout "$scratch/ca.key" -out "$scratch/ca.pem" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$data/server.key" -out "$scratch/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$scratch/san.ext"
  openssl x509 -req -in "$scratch/server.csr" -CA "$scratch/ca.pem" -CAkey "$scratch/ca.key" \
    -CAcreateserial -days 2 -extfile "$scratch/san.ext" -out "$data/server.crt" >/dev/null 2>&1
  chmod 600 "$data/server.key"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data/server.key" "$data/server.crt"; fi
  chmod 644 "$scratch/ca.pem"
}
make_certificates

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 40000))
}

# fsync=off (and no full-page writes) makes tests fast; a power cut could corrupt this cluster,
# which is thrown away anyway. Tests of durability (SIGKILL, crash recovery) must NOT use these
# settings: ACUCHART_PG_DURABLE=1 keeps PostgreSQL's own (fsync, synchronous commit) and
# exports ACUCHART_TEST_PG_DATA and ACUCHART_TEST_PG_START, a script that starts the same
# server again after a test has killed it.
fast="-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
if [ "${ACUCHART_PG_DURABLE:-}" = 1 ]; then fast=""; fi
# The port is chosen free, but another process may take it before the server binds: retry.
port=""
for _ in 1 2 3 4 5; do
  candidate="$(free_port)"
  if cd_server "$PG_BIN/pg_ctl" -D "$data" -l "$scratch/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $candidate -k $sockets $fast -c ssl=on" \
    start >/dev/null 2>&1; then
    port="$candidate"
    started=1
    break
  fi
done
if [ -z "$port" ]; then
  echo "The test PostgreSQL did not start; its log:" >&2
  cat "$scratch/server.log" >&2 || true
  exit 1
fi

admin_sql() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@" </dev/null
}
# The extensions go into template1, so every database made afterwards (the tests make one per
# run) has them; the app's role could not create them itself where they are not trusted.
admin_sql -d template1 \
  -c 'CREATE EXTENSION IF NOT EXISTS btree_gist' \
  -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' \
  -c 'CREATE EXTENSION IF NOT EXISTS unaccent'
admin_sql -d postgres \
  -c 'CREATE ROLE acuchart LOGIN CREATEDB' \
  -c 'CREATE DATABASE acuchart_test OWNER acuchart'

echo "with-postgres: PostgreSQL on 127.0.0.1:$port ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms" >&2

if [ "${ACUCHART_PG_DURABLE:-}" = 1 ]; then
  runner=""
  if [ "$(id -u)" -eq 0 ]; then runner="runuser -u postgres --"; fi
  printf '#!/usr/bin/env bash\ncd %q && %s %q -D %q -l %q -w -t 60 -o %q start >/dev/null\n' \
    "$scratch" "$runner" "$PG_BIN/pg_ctl" "$data" "$scratch/server.log" \
    "-c listen_addresses=127.0.0.1 -p $port -k $sockets -c ssl=on" >"$scratch/start-server"
  chmod 755 "$scratch/start-server"
  export ACUCHART_TEST_PG_DATA="$data" ACUCHART_TEST_PG_START="$scratch/start-server"
fi

export ACUCHART_TEST_DATABASE_URL="postgres://acuchart@127.0.0.1:$port/acuchart_test"
export ACUCHART_TEST_PG_ADMIN_URL="postgres://postgres@127.0.0.1:$port/postgres"
export ACUCHART_TEST_PG_CA="$scratch/ca.pem"
export ACUCHART_IN_PG_CLUSTER=1

# COMMAND runs as a background job because bash runs a trap only once the foreground command
# has finished: so `timeout 600 scripts/with-postgres.sh …` or a CI runner's TERM reaches
# COMMAND at once, and the cluster goes when it ends. A background job would read /dev/null
# and ignore Ctrl-C: `<&0` keeps our stdin, and env gives INT and QUIT back their default
# action, so Ctrl-C at a terminal reaches COMMAND (and its children) directly, as usual; it
# is not sent twice.
env --default-signal=INT,QUIT "$@" <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' TERM
trap 'kill -HUP "$child" 2>/dev/null || true' HUP
trap ':' INT
status=0
wait "$child" || status=$?
# A trapped signal ends `wait` early; wait again until COMMAND itself has ended.
while kill -0 "$child" 2>/dev/null; do
  status=0
  wait "$child" || status=$?
done
exit "$status"
