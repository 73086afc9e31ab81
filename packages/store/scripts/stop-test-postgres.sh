#!/usr/bin/env bash
# Stops a cluster started by start-test-postgres.sh and deletes its files.
#
#   packages/store/scripts/stop-test-postgres.sh postgres://postgres@127.0.0.1:PORT/slokit_test
#   packages/store/scripts/stop-test-postgres.sh PORT
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 URL|PORT (as printed by start-test-postgres.sh)" >&2
  exit 2
fi
port="$1"
if [[ "$port" =~ :([0-9]+)/ ]]; then
  port="${BASH_REMATCH[1]}"
fi
if [[ ! "$port" =~ ^[0-9]+$ ]]; then
  echo "stop-test-postgres: cannot find a port in '$1'" >&2
  exit 2
fi
dir="${TMPDIR:-/tmp}/slokit-test-postgres-$port"
if [[ ! -d "$dir/data" ]]; then
  echo "stop-test-postgres: no cluster started by start-test-postgres.sh at $dir" >&2
  exit 1
fi

bin="${PG_BIN:-}"
if [[ -z "$bin" ]]; then
  # The cluster's own version picks the binaries that can stop it.
  version=$(cat "$dir/data/PG_VERSION")
  bin="/usr/lib/postgresql/$version/bin"
  if [[ ! -x "$bin/pg_ctl" ]]; then
    bin=$(dirname "$(command -v pg_ctl)")
  fi
fi

if [[ $(id -u) -eq 0 ]]; then
  "$(command -v runuser || echo /usr/sbin/runuser)" -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
else
  "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
fi
rm -rf "$dir"
