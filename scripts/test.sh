#!/usr/bin/env bash
# The README's test command. Every test runs against a real PostgreSQL: the one in DATABASE_URL
# (an admin connection; tests create and drop their own databases) or, when that is unset, a
# throwaway cluster started here. The end-to-end suite also runs the embedded (PGlite) default.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DATABASE_URL:-}" ]; then
  # shellcheck source=lib/ephemeral-postgres.sh
  source scripts/lib/ephemeral-postgres.sh
fi
rm -rf ./*/.vitest ./subgraphs/*/.vitest
status=0
npx turbo run typecheck test --output-logs=errors-only "$@" || status=$?
node scripts/test-summary.mjs
exit "$status"
