#!/usr/bin/env bash
# The README's test command. Every test runs against a real PostgreSQL: the one in DATABASE_URL
# (an admin connection; tests create and drop their own databases) or, when that is unset, a
# throwaway cluster started here. The end-to-end suite also runs the embedded (PGlite) default.
#
# It first makes sure of what the tests need besides Node, installing it where it can, and
# otherwise stops before running anything. Every package's tests run even when one fails, and the
# last line, "N passed, N failed", counts failed tests, test files that failed to load or set up,
# failed type checks and packages whose tests did not run; the exit code is 1 when N failed > 0.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

# What the tests need besides Node: PostgreSQL's server binaries (unless DATABASE_URL is given),
# Redis (the router's shared rate limits), HAProxy (npm run cluster's balancer) and Debian's Chromium
# (the sandbox's browser test).
prerequisites() {
  missing=()
  if [ -z "${DATABASE_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    missing+=(postgresql-15)
  fi
  redis-server --version >/dev/null 2>&1 || missing+=(redis-server)
  [ -x /usr/sbin/haproxy ] || command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
}
prerequisites
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "npm test needs ${missing[*]}, which this machine lacks; nothing was run. Install them first:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    echo "(Elsewhere: PostgreSQL 15's server binaries under /usr/lib/postgresql/<version>/bin, or DATABASE_URL" >&2
    echo "set to an admin connection; redis-server and haproxy on PATH; Chromium at /usr/bin/chromium.)" >&2
    exit 1
  fi
  wanted=("${missing[@]}")
  echo "== npm test: installing ${wanted[*]} (apt-get, as root)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
  prerequisites
  if [ ${#missing[@]} -gt 0 ]; then
    echo "apt-get install ${wanted[*]} did not provide ${missing[*]}; nothing was run." >&2
    exit 1
  fi
fi

if [ -z "${DATABASE_URL:-}" ]; then
  # shellcheck source=lib/ephemeral-postgres.sh
  source scripts/lib/ephemeral-postgres.sh
fi
node scripts/test-summary.mjs --clean
status=0
npx turbo run typecheck test --continue --summarize --output-logs=errors-only "$@" || status=$?
node scripts/test-summary.mjs --turbo-status "$status"
