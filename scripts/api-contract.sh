#!/usr/bin/env bash
# API contract test: the OpenAPI document checked against the running server with schemathesis.
#
#   scripts/api-contract.sh [STYR_BINARY]
#
# Starts `styr serve` on 127.0.0.1 with an ephemeral port over a fresh SQLite database with the
# demo, an admin and a läsare, and runs schemathesis (pinned, in a venv cached under
# ~/.cache/styr-ci) against /api/v1/openapi.json with every check: each response's status, content
# type and body must be the documented ones, and no request may give a 5xx. The run is bounded
# (examples per operation, time per request) and only talks to the loopback server. It runs three
# times: on the demo's goal as the admin (writes are allowed) and as the läsare (every write must be
# refused), then with generated committees, years, rounds and goals (unknown ones are a JSON 404).
# `.ci/run` calls it after the tests with the debug binary.
set -euo pipefail
cd "$(dirname "$0")/.."

styr="${1:-${CARGO_TARGET_DIR:-target}/debug/styr}"
[ -x "$styr" ] || { echo "api-contract: $styr is not built (cargo build -p styr-cli)" >&2; exit 2; }
version="4.32.5"
venv="$HOME/.cache/styr-ci/schemathesis-venv"
if ! "$venv/bin/st" --version 2>/dev/null | grep -q "$version"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi

dir="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -TERM "$server"; wait "$server" || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

db="$dir/styr.db"
"$styr" --database "$db" demo >/dev/null
STYR_PASSWORD="ett långt lösenord" "$styr" --database "$db" user add admin --role admin >/dev/null
STYR_PASSWORD="ett långt lösenord" "$styr" --database "$db" user add lasare --role lasare >/dev/null
admin_token="$("$styr" --database "$db" user token admin --label contract)"
reader_token="$("$styr" --database "$db" user token lasare --label contract)"

"$styr" --database "$db" serve --bind 127.0.0.1:0 >"$dir/address" 2>"$dir/server.log" &
server=$!
# The first line on stdout is the address; wait for it (bounded: 600 × 0.1 s).
for _ in $(seq 600); do
  [ -s "$dir/address" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  sleep 0.1
done
url="$(head -n1 "$dir/address")"
case "$url" in http://127.0.0.1:*) ;; *) echo "api-contract: styr serve printed '$url'" >&2; cat "$dir/server.log" >&2; exit 1 ;; esac
echo "api-contract: $url"

# The demo's real committee, year, round and goal, so requests reach the use cases and not only 404.
# Every check runs (schemathesis' default), except that a schema-valid level must be accepted: the
# valid levels are the plan's scale, which the schema cannot list; an unknown level is a 400, which
# crates/styr-web/tests/web.rs checks.
level_rule='[[operations]]
include-name = "PUT /committees/{committee}/years/{year}/rounds/{round}/goals/{goal}/assessment"
checks.positive_data_acceptance.enabled = false'
cat >"$dir/demo.toml" <<EOF
[parameters]
"path.committee" = "0126-von"
"path.year" = 2023
"path.round" = "d2"
"path.goal" = "aldre-trygghet"

$level_rule
EOF
echo "$level_rule" >"$dir/any.toml"

run() {
  local who="$1" token="$2" config="$3"
  echo "== schemathesis as $who ($(basename "$config"))"
  "$venv/bin/st" --config-file "$config" run "$url/api/v1/openapi.json" \
    --url "$url/api/v1" \
    --header "Authorization: Bearer $token" \
    --max-examples 40 \
    --seed 1 \
    --request-timeout 10 \
    --no-color
}
run admin "$admin_token" "$dir/demo.toml"
run lasare "$reader_token" "$dir/demo.toml"
run admin "$admin_token" "$dir/any.toml"
