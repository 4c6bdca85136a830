# Sourced by scripts/test.sh when DATABASE_URL is unset: starts a throwaway PostgreSQL cluster for
# this test run only (tuned for speed, not durability), exports DATABASE_URL, and removes it on exit.
pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "PostgreSQL server binaries not found. Install them (Debian: apt-get install postgresql-15) or set DATABASE_URL." >&2
  exit 1
fi
pg_dir="$(mktemp -d /tmp/zhongtai-pg.XXXXXX)"
pg_port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root; the Debian package's postgres user owns the throwaway cluster.
  chown postgres "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U zhongtai -A trust -E UTF8 --no-locale >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o \
  "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
  start >/dev/null
stop_ephemeral_postgres() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_ephemeral_postgres EXIT
export DATABASE_URL="postgres://zhongtai@127.0.0.1:$pg_port/postgres"
echo "Started a throwaway PostgreSQL ($("$pg_bin/postgres" --version)) at $DATABASE_URL"
