#!/usr/bin/env bash
# The production start as a VM or systemd host does it (docs/operations.md#start): build once here,
# then in a folder of its own, package.json + package-lock.json + build/, `npm ci --omit=dev` (no
# compiler, no tsx), and `npm start` must serve. Needs the npm registry; CI runs it (.ci/run).
# Prints one line at the end: "production install: OK …".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
pid=''
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cd "$root"
npm run build --silent
cp package.json package-lock.json "$work/"
cp -r build "$work/build"
cd "$work"
npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
for tool in typescript tsx vitest; do
  if [ -e "node_modules/$tool" ]; then echo "production install: FAILED ($tool installed)"; exit 1; fi
done
npx --no-install qcloud-legacy-proxy --version
credentials='[{"secretId":"AKIDPRODCHECK","secretKey":"not-a-real-key"}]'
PROXY_CREDENTIALS="$credentials" PROXY_HOSTS=proxy.internal npx --no-install qcloud-legacy-proxy check-config >/dev/null
# node directly (as npm start runs it), so that SIGTERM reaches the proxy itself.
PORT=0 HOST=127.0.0.1 PROXY_CREDENTIALS="$credentials" node build/node/cli.js >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q 'proxy listening' "$work/log" && break; sleep 0.1; done
url="$(node -e 'const l = require("fs").readFileSync(process.argv[1], "utf8").split("\n").find((x) => x.includes("proxy listening")); console.log(JSON.parse(l).url)' "$work/log")"
node -e 'fetch(process.argv[1] + "/healthz").then(async (r) => { const b = await r.json(); console.log("healthz", r.status, JSON.stringify(b)); process.exit(r.ok ? 0 : 1) })' "$url"
kill -TERM "$pid"
wait "$pid"
pid=''
echo "production install: OK (npm ci --omit=dev, then the bin: --version, check-config, serve, /healthz, SIGTERM)"
