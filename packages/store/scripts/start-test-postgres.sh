#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for slokit's store tests and benchmarks, and prints its URL on stdout.
#
#   url=$(packages/store/scripts/start-test-postgres.sh)     # postgres://postgres@127.0.0.1:PORT/slokit_test
#   packages/store/scripts/stop-test-postgres.sh "$url"     # stops it and deletes its files
#
# Needs the PostgreSQL server binaries (Debian/Ubuntu: `apt-get install postgresql`); PG_BIN overrides where they
# are (default: the newest /usr/lib/postgresql/*/bin, else the PATH). The cluster lives in
# ${TMPDIR:-/tmp}/slokit-test-postgres-PORT, listens on 127.0.0.1 only with trust authentication, and is never
# registered with the system's clusters. Run as root, the server runs as the `postgres` user. `--durable` keeps
# fsync on (benchmarks); by default it is off, as the tests only need a server that behaves, not one that survives
# a power cut.
set -euo pipefail

durable=false
for arg in "$@"; do
  case "$arg" in
    --durable) durable=true ;;
    *) echo "usage: $0 [--durable]" >&2; exit 2 ;;
  esac
done

install_hint="install PostgreSQL's server (Debian/Ubuntu: apt-get install postgresql) or set PG_BIN to its bin directory"
bin="${PG_BIN:-}"
if [[ -z "$bin" ]]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [[ -z "$bin" ]]; then
  initdb_path=$(command -v initdb || true)
  [[ -n "$initdb_path" ]] && bin=$(dirname "$initdb_path")
fi
if [[ -z "$bin" || ! -x "$bin/initdb" || ! -x "$bin/pg_ctl" ]]; then
  echo "start-test-postgres: no PostgreSQL server binaries found (initdb, pg_ctl): $install_hint" >&2
  exit 1
fi

# Run the server as `postgres` when we are root (PostgreSQL refuses to run as root), else as ourselves.
as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    "$(command -v runuser || echo /usr/sbin/runuser)" -u postgres -- "$@"
  else
    "$@"
  fi
}
if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
  echo "start-test-postgres: running as root but there is no 'postgres' user to run the server: $install_hint" >&2
  exit 1
fi

free_port() {
  node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

base="${TMPDIR:-/tmp}"
dir=""
for _ in 1 2 3 4 5; do
  port=$(free_port)
  candidate="$base/slokit-test-postgres-$port"
  if mkdir "$candidate" 2>/dev/null; then
    dir="$candidate"
    break
  fi
done
if [[ -z "$dir" ]]; then
  echo "start-test-postgres: could not create a cluster directory in $base" >&2
  exit 1
fi
chmod 700 "$dir"
if [[ $(id -u) -eq 0 ]]; then
  chown postgres: "$dir"
fi

cleanup_on_failure() {
  echo "start-test-postgres: failed; log follows" >&2
  cat "$dir/initdb.log" "$dir/server.log" >&2 2>/dev/null || true
  as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup_on_failure ERR

as_server_user "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$dir/initdb.log" 2>&1

options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200"
if [[ "$durable" == false ]]; then
  options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" -w -t 60 start >/dev/null
as_server_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres slokit_test

trap - ERR
echo "postgres://postgres@127.0.0.1:$port/slokit_test"
