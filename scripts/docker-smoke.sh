#!/usr/bin/env bash
# Proves the Dockerfile recipe where no Docker engine runs: performs its stages' steps in a
# temporary directory, starts the result like the image's CMD and queries it.
# Keep in sync with ../Dockerfile (same COPY inputs, same npm commands, same CMD).
set -euo pipefail
# Reuse the npm cache CI already filled (same packages, same lockfile; only faster).
export npm_config_prefer_offline=true

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/docker-smoke.XXXXXX")"
server_pid=""
log="$work/gateway.log"

cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "docker-smoke: FAIL: $*" >&2
  if [[ -f "$log" ]]; then
    echo "--- gateway log ---" >&2
    tail -n 40 "$log" >&2
  fi
  exit 1
}

echo "docker-smoke: build stage in $work/build"
# FROM node:20-bookworm-slim AS build
mkdir -p "$work/build"
cp "$repo/package.json" "$repo/package-lock.json" "$work/build/"
(cd "$work/build" && npm ci --no-audit --no-fund)
mkdir -p "$work/build/scripts"
cp "$repo/scripts/build.mjs" "$work/build/scripts/"
cp -R "$repo/src" "$work/build/src"
(cd "$work/build" && npm run build)
[[ -f "$work/build/dist/main.js" ]] || fail "the build produced no dist/main.js"
compgen -G "$work/build/dist/sandbox-*.js" >/dev/null || fail "the build left out the embedded sandbox"

echo "docker-smoke: runtime stage in $work/app"
# FROM node:20-bookworm-slim AS runtime; ENV NODE_ENV=production
mkdir -p "$work/app"
cp "$repo/package.json" "$work/app/"
cp -R "$work/build/dist" "$work/app/dist"
# the bundle must run on its own: nothing is resolved from a node_modules folder
[[ ! -e "$work/app/node_modules" ]] || fail "the runtime stage has a node_modules folder"

# CMD ["node", "dist/main.js"] — on a free loopback port (the image listens on 0.0.0.0:4000).
port="$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
base="http://127.0.0.1:$port"
echo "docker-smoke: starting NODE_ENV=production node dist/main.js on $base (embedded sandbox)"
(
  cd "$work/app"
  exec env -u MEMBRANE_API_URL -u MEMBRANE_API_TOKEN NODE_ENV=production HOST=127.0.0.1 \
    PORT="$port" node dist/main.js
) >"$log" 2>&1 &
server_pid=$!

# The image's HEALTHCHECK command, polled until it passes.
healthy=""
for _ in $(seq 1 60); do
  kill -0 "$server_pid" 2>/dev/null || fail "the gateway exited during start-up"
  if PORT="$port" node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    healthy=yes
    break
  fi
  sleep 0.5
done
[[ -n "$healthy" ]] || fail "/healthz did not answer within 30 s"
echo "docker-smoke: /healthz ok"

# Exact check: the gateway's answer equals what the embedded sandbox (URL and admin token from the
# log) serves over REST; plus /readyz and the offline GraphiQL page.
BASE="$base" LOG="$log" node --input-type=module <<'EOF' || fail "queries against the running gateway"
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const base = process.env.BASE;
const ready = readFileSync(process.env.LOG, 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('{'))
  .map((line) => JSON.parse(line))
  .find((entry) => entry.sandbox && entry.adminToken);
assert.ok(ready, 'the log names the embedded sandbox and its admin token');

const res = await fetch(`${base}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ integrations(first: 3) { nodes { id key name } } }' }),
});
assert.equal(res.status, 200);
const body = await res.json();
const rest = await fetch(`${ready.sandbox}/integrations?limit=3`, {
  headers: { authorization: `Bearer ${ready.adminToken}` },
}).then((r) => r.json());
const expected = rest.items.map(({ id, key, name }) => ({ id, key, name }));
assert.equal(expected.length, 3);
assert.deepEqual(body, { data: { integrations: { nodes: expected } } });
console.log(`docker-smoke: GraphQL returned ${expected.map((i) => i.name).join(', ')}`);

assert.equal((await fetch(`${base}/readyz`)).status, 200, '/readyz');
const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
assert.equal(page.status, 200);
assert.match(await page.text(), /<title>Membrane GraphQL gateway<\/title>/);
console.log('docker-smoke: /readyz ok, GraphiQL page served');
EOF

# Graceful shutdown on SIGTERM (what `docker stop` sends).
kill -TERM "$server_pid"
for _ in $(seq 1 20); do
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$server_pid" 2>/dev/null; then
  fail "the gateway did not exit within 10 s of SIGTERM"
fi
wait "$server_pid" || fail "the gateway exited with status $? after SIGTERM"
server_pid=""
echo "docker-smoke: OK"
