#!/usr/bin/env bash
# The wasm test binary (tests/wasm.rs) in headless Chromium through
# wasm-bindgen-test-runner and ChromeDriver. Arguments are cargo's.
#
# Without help, Chromium's page often never finishes loading, before any
# test has started, and the runner reports "Failed to detect test as
# having been run" (5 of 10 runs in 2026-12-07's trials on an idle 2-core
# machine). While it hangs, Chromium holds six connections to the runner's
# server (tiny_http): four idle keep-alive ones, each keeping one of the
# server's four pooled threads in a read, and two carrying the remaining
# module requests, which are never read. The runner offers no way to
# change its server, so Chromium goes through a local proxy instead
# (request-per-connection-proxy.mjs), which sends each request upstream on
# a connection of its own and closes it after the answer: no server thread
# then waits on an idle connection (20 of 20 runs passed). Chromium skips
# proxies for loopback addresses unless told otherwise (`<-loopback>`).
#
# A run that still never starts a test is tried again in a fresh browser,
# up to three more times. `pageLoadStrategy: none` (webdriver.json) lets
# the navigation return at once, so a hung page is given up after the test
# timeout (scripts/test.sh), not after ChromeDriver's 300 s page-load
# wait. A run in which any test ran is never repeated, so a failing test
# still fails the stage.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/listening.sh
out=$(mktemp)
caps=$(mktemp --suffix=.json)
proxy_log=$(mktemp)
node scripts/request-per-connection-proxy.mjs > "$proxy_log" 2>&1 &
proxy=$!
trap 'kill "$proxy" 2>/dev/null; rm -f "$out" "$caps" "$proxy_log"' EXIT
port=$(listening_on "$proxy_log")
if [ -z "$port" ]; then
  echo "wasm-bindgen-chromium: the proxy did not start" >&2
  exit 1
fi
# webdriver.json with Chromium sent through the proxy, loopback included.
node -e '
  const [from, to, port] = process.argv.slice(1);
  const caps = JSON.parse(require("node:fs").readFileSync(from, "utf8"));
  caps["goog:chromeOptions"].args.push(`--proxy-server=http://127.0.0.1:${port}`, "--proxy-bypass-list=<-loopback>");
  require("node:fs").writeFileSync(to, JSON.stringify(caps));
' webdriver.json "$caps" "$port"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON=$caps
attempts=4
for attempt in $(seq $attempts); do
  cargo test -p zscaler-wasm --target wasm32-unknown-unknown --test wasm "$@" > "$out" 2>&1
  rc=$?
  cat "$out"
  [ $rc -eq 0 ] && exit 0
  if ! grep -q 'Failed to detect test as having been run' "$out" || grep -Eq '^test |test result:' "$out"; then
    exit $rc
  fi
  [ "$attempt" -lt $attempts ] && echo "wasm-bindgen-chromium: the page never finished loading (no test ran); trying again in a fresh browser"
done
exit $rc
