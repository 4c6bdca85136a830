#!/usr/bin/env bash
# Runs Apollo's subgraph compatibility suite (@apollo/federation-subgraph-compatibility 1.2.1) against
# a products subgraph built with our subgraph kit, in the suite's pm2 mode:
#   - pm2 starts our products fixture (pm2.products.config.cjs) and the suite's users and inventory;
#   - the suite's `pm2 start rover -- dev ...` runs our rover stand-in (bin/rover, put first on PATH
#     here), which composes the three with @apollo/composition and serves them with our router;
#   - the suite's jest tests then query the products subgraph and the router.
# Prints the suite's per-directive results, then ours with a closing `compat: N passed, N failed`, and
# exits non-zero unless every test passed. Needs the ports 4000-4003 and 8088 (the suite's), and
# `npm install` at the repository root beforehand; nothing is downloaded.
#
#   bash tests/compat/run.sh     (COMPAT_LOG=<file> keeps the suite's log; LOG_LEVEL=debug adds to it)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
suite="$root/node_modules/@apollo/federation-subgraph-compatibility/dist/compatibilityTestCommand.js"
if [ ! -f "$suite" ]; then
  echo "compat: the suite is not installed; run npm install at the repository root" >&2
  exit 1
fi

# Router 4000 and its health check 8088 (what rover dev serves), users 4002 and inventory 4003 are
# fixed by the suite; products 4001 is ours.
for port in 4000 4001 4002 4003 8088; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "compat: port $port is in use; the suite needs 4000-4003 and 8088 (is \`npm start\` running?)" >&2
    exit 1
  fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/zhongtai-compat.XXXXXX")"
# A pm2 daemon of our own, which the suite ends with `pm2 kill`: never a developer's.
export PM2_HOME="$work/pm2"
export PATH="$here/bin:$root/node_modules/.bin:$PATH"
# The router (our rover stand-in) and the products center trust each other with this machine's
# development keys (docs/trust.md), as under npm start.
export LOG_LEVEL="${LOG_LEVEL:-info}"
export APOLLO_TELEMETRY_DISABLED=1

cleanup() {
  # The suite kills its pm2 daemon itself; this covers a run that was cut short.
  if [ -f "$PM2_HOME/pm2.pid" ]; then pm2 kill >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

started=$SECONDS
status=0
echo "== Apollo Federation subgraph compatibility suite (pm2 mode, rover stand-in, Zhongtai router)"
# The suite writes results.json and supergraph.config.js into its working directory. Its progress and
# debug output (pm2, rover, jest) go to suite.log, shown when something failed.
(
  cd "$work"
  timeout --kill-after=10s 300s node "$suite" pm2 \
    --endpoint http://localhost:4001/graphql \
    --config "$here/pm2.products.config.cjs" \
    --format json --failOnWarning --debug 2>"$work/suite.log"
) || status=$?
echo "compat: the suite took $((SECONDS - started))s"
tsx "$here/src/results.ts" "$work/results.json" || status=$?

if [ -n "${COMPAT_LOG:-}" ]; then cp "$work/suite.log" "$COMPAT_LOG"; fi
if [ "$status" -ne 0 ]; then
  echo "== suite log (last 300 lines; COMPAT_LOG=<file> keeps all of it)"
  # Without jest's one-line JSON report, which repeats what its own output above it says.
  grep -v ' test {"numFailedTestSuites"' "$work/suite.log" | tail -n 300
fi
exit "$status"
