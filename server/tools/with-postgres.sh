#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: created in a temporary directory,
# listening on loopback only, owned by an unprivileged user (initdb refuses root), and
# removed when the command ends, whatever its result. The command sees its address in
# COSELL_TEST_POSTGRES_URL (and COSELL_REQUIRE_POSTGRES=1, so the tests fail rather than
# skip PostgreSQL when it is missing).
#
# Tests run with fsync off (faster; a test cluster need not survive a power cut); the
# benchmark sets COSELL_PG_FSYNC=on, so the database it measures commits as a real one does.
#
#   server/tools/with-postgres.sh cargo test -p cosell-server
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [[ -z "$bin" || ! -x "$bin/postgres" ]]; then
  echo "PostgreSQL is not installed (make setup-postgres installs Debian's package)" >&2
  exit 1
fi
port=${COSELL_TEST_POSTGRES_PORT:-55432}
dir=$(mktemp -d /tmp/cosell-pg.XXXXXX)
chmod 755 "$dir"
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U cosell --no-sync >/dev/null
options="-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=${COSELL_PG_FSYNC:-off} -c max_connections=200"
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$options" start >/dev/null
# For fault tests: a command that stops the cluster, waits the seconds given, and starts it.
restart="$dir/restart.sh"
cat > "$restart" <<RESTART
#!/usr/bin/env bash
${as_owner[*]} "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null
sleep "\${1:-1}"
${as_owner[*]} "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$options" start >/dev/null
RESTART
chmod 755 "$restart"
export COSELL_TEST_POSTGRES_RESTART="$restart"
export COSELL_TEST_POSTGRES_URL="postgres://cosell@127.0.0.1:$port/postgres"
export COSELL_REQUIRE_POSTGRES=1
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (fsync ${COSELL_PG_FSYNC:-off}) for: $*"
"$@"
