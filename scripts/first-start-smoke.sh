#!/usr/bin/env bash
# The README's first command as a newcomer runs it: `npm start` on this clone (CI: a fresh clone, no
# .data/), GraphiQL and a query over HTTP, `npm run token -- staff` while the server runs, Ctrl-C
# (SIGINT to the process group, as a terminal sends it), and a clean stop. Prints the first-start time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

port="${PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
log="$(mktemp)"
fail() { echo "first-start-smoke: $*" >&2; echo "--- server output:" >&2; cat "$log" >&2; exit 1; }

[[ -e "${DATA_DIR:-.data/pglite}" ]] && echo "first-start-smoke: note: ${DATA_DIR:-.data/pglite} exists, this is not a first start"
start=$(date +%s%N)
PORT="$port" setsid npm start >"$log" 2>&1 &
group=$!
trap 'kill -KILL -- -"$group" 2>/dev/null || true' EXIT

for _ in $(seq 1 1800); do
  grep -q "^信访 GraphQL API .*http://localhost:$port/graphql" "$log" && break
  kill -0 "$group" 2>/dev/null || fail "npm start exited before serving"
  sleep 0.1
done
grep -q "^信访 GraphQL API" "$log" || fail "not serving after 180 s"
echo "first-start-smoke: serving after $(( ($(date +%s%N) - start) / 1000000 )) ms: $(tail -n 1 "$log")"
[[ "$(tail -n 1 "$log")" == 信访\ GraphQL\ API* ]] || fail "the URL is not the last line"

url="http://127.0.0.1:$port/graphql"
# Into a file first: `grep -q` closing the pipe early would fail curl (and the pipeline, under pipefail).
page="$(mktemp)"
curl -fsS -H 'accept: text/html' -o "$page" "$url" || fail "GET /graphql failed"
grep -q '<title>信访 GraphQL API</title>' "$page" || fail "GET /graphql is not GraphiQL"
grep -qE '<script[^>]+src=|unpkg\.com' "$page" && fail "GraphiQL loads code from elsewhere"
rm -f "$page"
token="$(npm run --silent token -- staff)" || fail "npm run token failed while the server runs"
answer="$(curl -fsS -H 'content-type: application/json' -H "authorization: Bearer $token" \
  --data '{"query":"{ viewer { account { username } } cases(first: 1) { totalCount } }"}' "$url")"
echo "first-start-smoke: $answer"
[[ "$answer" == *'"username":"staff"'* && "$answer" != *'"totalCount":0'* ]] || fail "unexpected answer"

kill -INT -- -"$group"
for _ in $(seq 1 150); do grep -q '已停止 (stopped)' "$log" && break; sleep 0.1; done
grep -q '已停止 (stopped)' "$log" || fail "no clean stop after Ctrl-C"
trap - EXIT
echo "first-start-smoke: stopped cleanly"
