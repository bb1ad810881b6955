#!/usr/bin/env bash
# Stops and removes a cluster started by postgres-for-tests.sh. Argument: its postgres:// URL or
# its directory. Does nothing (successfully) when the cluster is already gone.
set -euo pipefail

log() { echo "postgres-stop: $*" >&2; }

target=${1:?usage: postgres-stop.sh <postgres:// url | directory>}
dir=""
if [ -d "$target" ]; then
  dir=$target
else
  # Find the directory whose recorded URL is this one.
  for candidate in "${TMPDIR:-/tmp}"/nextid-pg-test.*; do
    if [ -f "$candidate/url" ] && [ "$(cat "$candidate/url")" = "$target" ]; then dir=$candidate; break; fi
  done
fi
if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
  log "no cluster found for the argument; nothing to stop"
  exit 0
fi
# Refuse anything that does not look like our throwaway cluster before deleting it.
[ -f "$dir/data/PG_VERSION" ] && [ -f "$dir/port" ] || { log "$dir is not a postgres-for-tests cluster"; exit 1; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
owner=$(stat -c %U "$dir/data")
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi; }
if as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >&2
fi
rm -rf "$dir"
log "stopped and removed $dir"
