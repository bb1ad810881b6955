#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the server's tests and prints its postgres:// URL on the
# last line (everything else goes to stderr), e.g.
#   export TEST_DATABASE_URL=$(bash scripts/postgres-for-tests.sh | tail -n1)
#   …
#   bash scripts/postgres-stop.sh "$TEST_DATABASE_URL"
# Debian: as root it installs the `postgresql` package when no server binaries are present and runs
# the cluster as the `postgres` user; as any other user it runs the cluster as that user. The
# cluster lives in its own temp directory on a free port (initdb + pg_ctl), so the machine's
# default cluster is never touched. Optional argument: the directory to use; when it already holds
# a running cluster started by this script, its URL is printed again.
set -euo pipefail

log() { echo "postgres-for-tests: $*" >&2; }

find_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }

bindir=$(find_bindir)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  [ "$(id -u)" -eq 0 ] || { log "PostgreSQL is not installed; run as root to install it"; exit 1; }
  log "installing Debian's postgresql package"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bindir=$(find_bindir)
  [ -n "$bindir" ] && [ -x "$bindir/initdb" ] || { log "no initdb after installing postgresql"; exit 1; }
fi

# Postgres refuses to run as root: run it as `postgres`, or as whoever we are otherwise.
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner=$(id -un)
  as_owner() { "$@"; }
fi

dir=${1:-}
if [ -n "$dir" ] && [ -f "$dir/url" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  log "already running in $dir"
  cat "$dir/url"
  exit 0
fi
if [ -z "$dir" ]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/nextid-pg-test.XXXXXX")
  # Leave nothing behind when any later step fails.
  trap '[ -f "$dir/url" ] || { as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }' EXIT
else
  mkdir -p "$dir"
  rm -rf "${dir:?}/data" "$dir/socket" "$dir/url"
fi
mkdir -p "$dir/socket"
chmod 755 "$dir"
chown -R "$owner" "$dir"

password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
echo "$password" > "$dir/password"
chown "$owner" "$dir/password"
chmod 600 "$dir/password"
log "initdb in $dir/data"
as_owner "$bindir/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
  --auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir/password" >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
rm -f "$dir/password"

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# A port picked free may be taken before postgres binds it: retry a few times.
started=""
for _ in 1 2 3 4 5; do
  port=$(free_port) || { log "node could not find a free port"; exit 1; }
  # fsync off: the data is thrown away, and tests run faster without it.
  if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir/socket -c fsync=off -c full_page_writes=off" \
    start >&2; then
    started=yes
    break
  fi
done
[ -n "$started" ] || { log "could not start postgres; see $dir/server.log"; tail -n 20 "$dir/server.log" >&2; exit 1; }

as_owner "$bindir/createdb" -h "$dir/socket" -p "$port" -U postgres nextid_test
echo "$port" > "$dir/port"
url="postgres://postgres:$password@127.0.0.1:$port/nextid_test"
echo "$url" > "$dir/url"
chmod 600 "$dir/url"
log "running in $dir (stop: bash scripts/postgres-stop.sh $dir)"
echo "$url"
