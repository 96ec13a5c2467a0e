#!/usr/bin/env bash
# Load benchmark of the web application on loopback (wrk: apt-get install wrk).
#
#   scripts/bench-web.sh sqlite|postgres [SECONDS]
#
# Starts the release `styr serve` on 127.0.0.1 with an ephemeral port over a fresh database with the
# demo (SQLite: a temporary file; PostgreSQL: a fresh database styr_bench_web on 127.0.0.1:5432,
# user postgres, trust auth), signs in a controller, then:
#   1. reads: 100 connections for SECONDS (default 30) reading the overview and two goal pages in turn;
#   2. mixed: the same with 10 % writes through the API (a goal's assessment saved with the revision
#      last seen, and new comments), then counts lost writes: every save the server acknowledged must
#      be in the stored revision, every acknowledged comment must be stored.
# Every request is bounded by the run's duration; the server is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:?usage: scripts/bench-web.sh sqlite|postgres [SECONDS]}"
seconds="${2:-30}"
styr="${CARGO_TARGET_DIR:-target}/release/styr"
[ -x "$styr" ] || { echo "bench-web: build first: cargo build --release -p styr-cli" >&2; exit 2; }
command -v wrk >/dev/null || { echo "bench-web: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

dir="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -TERM "$server"; wait "$server" || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

case "$backend" in
  sqlite) db="$dir/styr.db" ;;
  postgres)
    psql -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS styr_bench_web' -c 'CREATE DATABASE styr_bench_web'
    db="postgres://postgres@127.0.0.1:5432/styr_bench_web" ;;
  *) echo "bench-web: sqlite or postgres" >&2; exit 2 ;;
esac

s() { "$styr" --database "$db" "$@"; }
s demo >/dev/null
STYR_PASSWORD="ett långt lösenord" s user add controller --role controller >/dev/null
token="$(s user token controller --label bench)"

STYR_LOG=warn "$styr" --database "$db" serve --bind 127.0.0.1:0 >"$dir/address" 2>"$dir/server.log" &
server=$!
for _ in $(seq 600); do
  [ -s "$dir/address" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  sleep 0.1
done
url="$(head -n1 "$dir/address")"

# Sign in as a browser does: the login form's token and cookie, then the session cookie.
jar="$dir/cookies"
csrf="$(curl -s -c "$jar" "$url/login" | grep -o 'name="csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')"
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "username=controller" \
  --data-urlencode "password=ett långt lösenord" "$url/login"
session="$(awk '$6 == "styr_session" { print $7 }' "$jar")"
[ -n "$session" ] || { echo "bench-web: sign-in failed" >&2; exit 1; }
export STYR_COOKIE="styr_session=$session"

round="/n/0126-von/2023/d2"
pages=("$round" "$round/mal/aldre-trygghet" "$round/mal/aldre-sjalvstandighet")
for p in "${pages[@]}"; do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $STYR_COOKIE" "$url$p")"
  [ "$code" = 200 ] || { echo "bench-web: $p answered $code" >&2; exit 1; }
done

echo "== $backend: reads, 100 connections, ${seconds} s: ${pages[*]}"
wrk -t2 -c100 -d"${seconds}s" --timeout 10s --latency -s scripts/bench-web/read.lua "$url" -- "${pages[@]}"

api="/api/v1/committees/0126-von/years/2023/rounds/d2/goals/aldre-trygghet"
auth=(-H "Authorization: Bearer $token")
rev_before="$(curl -s "${auth[@]}" "$url$api/assessment" | grep -o '"revision":[0-9]*' | cut -d: -f2)"
comments_before="$(curl -s "${auth[@]}" "$url$api/comments" | { grep -o '"author"' || true; } | wc -l)"
echo "== $backend: mixed, 10 % writes, 100 connections, ${seconds} s"
STYR_TOKEN="$token" STYR_REVISION="$rev_before" STYR_COUNTS="$dir/counts" \
  wrk -t2 -c100 -d"${seconds}s" --timeout 10s --latency -s scripts/bench-web/mixed.lua "$url" -- "$api" "${pages[@]}"
read -r saved conflicts commented other <"$dir/counts"
rev_after="$(curl -s "${auth[@]}" "$url$api/assessment" | grep -o '"revision":[0-9]*' | cut -d: -f2)"
comments_after="$(curl -s "${auth[@]}" "$url$api/comments" | { grep -o '"author"' || true; } | wc -l)"
# Lost: acknowledged but not stored. Stored but not acknowledged: requests in flight when wrk
# stopped at the deadline (the server finished them, wrk no longer read the answer).
diff_saves=$((rev_before + saved - rev_after))
diff_comments=$((comments_before + commented - comments_after))
echo "stored: revision $rev_before → $rev_after (acknowledged saves: $saved), comments $comments_before → $comments_after (acknowledged: $commented)"
echo "lost writes: $((diff_saves > 0 ? diff_saves : 0)) saves, $((diff_comments > 0 ? diff_comments : 0)) comments;" \
  "stored but unacknowledged (in flight at the deadline): $((diff_saves < 0 ? -diff_saves : 0)) saves, $((diff_comments < 0 ? -diff_comments : 0)) comments;" \
  "other answers to writes: $other"
if grep -q '"level":"ERROR"' "$dir/server.log"; then echo "server errors:"; grep '"level":"ERROR"' "$dir/server.log" | head; fi
