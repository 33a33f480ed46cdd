#!/usr/bin/env bash
# Proves the SAM package starts and serves: builds it as `sam build` does (make with ARTIFACTS_DIR set to
# a temp dir), starts it the way Lambda does behind the Runtime API emulator, and drives health + a task's
# create/get/delete and the page (HTML, a fingerprinted asset, sign-in settings) through the emulator's HTTP
# front door against in-memory DynamoDB Local.
# A managed package is started as the dotnet10 runtime starts `Handler: Tasks.Api` (`dotnet Tasks.Api.dll`),
# a native-aot one as provided.al2023 starts it (`./bootstrap`).
#
#   tools/lambda-package-smoke.sh                     # builds the linux-x64 managed package into a temp dir
#   tools/lambda-package-smoke.sh /tmp/pkg/linux-x64  # reuses a package (e.g. sam-build-check's KEEP_DIR)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Bounds every wait: the app must start (and answer /health) within this many seconds.
start_timeout=60
work="$(mktemp -d)"
pids=()

cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    # Each service runs in its own process group (setsid), so this also stops what it spawned.
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "lambda-package-smoke: FAIL: $*" >&2
  for log in "$work"/*.log; do
    [[ -s "$log" ]] && { echo "--- $(basename "$log") (last 40 lines)" >&2; tail -n 40 "$log" >&2; }
  done
  exit 1
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

package="${1:-}"
if [[ -z "$package" ]]; then
  RIDS=linux-x64 KEEP_DIR="$work/package" "$root/tools/sam-build-check.sh"
  package="$work/package/linux-x64"
fi
[[ -d "$package" ]] || fail "no package folder '$package'"
package="$(cd "$package" && pwd)"
if [[ -x "$package/bootstrap" ]]; then
  function_command=("$package/bootstrap")
elif [[ -f "$package/Tasks.Api.dll" ]]; then
  function_command=(dotnet "$package/Tasks.Api.dll")
else
  fail "neither an executable bootstrap nor Tasks.Api.dll in '$package'"
fi

echo "== building the Runtime API emulator"
dotnet build "$root/tools/LambdaEmulator/LambdaEmulator.csproj" --nologo -v q -c Debug >"$work/emulator-build.log" 2>&1 \
  || fail "the emulator did not build"
emulator="$root/tools/LambdaEmulator/bin/Debug/net10.0/LambdaEmulator.dll"

dynamo_port="$(free_port)"
echo "== DynamoDB Local (in memory) on 127.0.0.1:$dynamo_port"
setsid "$root/tools/dynamodb-local/start.sh" "$dynamo_port" >"$work/dynamodb.log" 2>&1 &
dynamo_pid=$!
pids+=("$dynamo_pid")
# The app checks DynamoDB once at start-up, so it must be listening first.
deadline=$((SECONDS + start_timeout))
until (exec 3<>"/dev/tcp/127.0.0.1/$dynamo_port") 2>/dev/null; do
  kill -0 "$dynamo_pid" 2>/dev/null || fail "DynamoDB Local exited during start-up"
  ((SECONDS < deadline)) || fail "DynamoDB Local did not listen within ${start_timeout}s"
  sleep 0.2
done

runtime_port="$(free_port)"
http_port="$(free_port)"
echo "== emulator: runtime API :$runtime_port, front door :$http_port, app: ${function_command[*]}"
# The emulator passes its environment to the app. No ASPNETCORE_ENVIRONMENT: Production, as in AWS.
env -u ASPNETCORE_ENVIRONMENT -u DOTNET_ENVIRONMENT \
  DynamoDb__ServiceUrl="http://127.0.0.1:$dynamo_port" \
  DynamoDb__TableName=smoke \
  DynamoDb__CreateTableIfMissing=true \
  Auth__Mode=None \
  Stage=smoke \
  setsid dotnet "$emulator" --runtime-port "$runtime_port" --http-port "$http_port" \
  -- "${function_command[@]}" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
pids+=("$emulator_pid")

base="http://127.0.0.1:$http_port"
body="$work/body"

# request METHOD PATH [JSON] -> prints the status; body in $body, headers in $work/headers.
request() {
  local args=(-sS -o "$body" -D "$work/headers" -w '%{http_code}' --max-time 10 -X "$1")
  [[ -n "${3:-}" ]] && args+=(-H 'Content-Type: application/json' --data "$3")
  curl "${args[@]}" "$base$2" || true
}

expect() { # expect STEP EXPECTED ACTUAL
  echo "$1 -> $3"
  [[ "$3" == "$2" ]] || fail "$1: expected $2, got $3 (body: $(head -c 500 "$body" 2>/dev/null))"
}

# The app takes events only once started (table created), so /health answering through the front
# door is the readiness signal. Short requests keep a dead app from hiding the failure.
deadline=$((SECONDS + start_timeout))
status=000
until [[ "$status" == 200 ]]; do
  kill -0 "$emulator_pid" 2>/dev/null || fail "the emulator or the app exited during start-up"
  ((SECONDS < deadline)) || fail "GET /health did not answer 200 within ${start_timeout}s (last: $status)"
  status="$(curl -sS -o "$body" -w '%{http_code}' --max-time 5 "$base/health" 2>/dev/null || true)"
  [[ "$status" == 200 ]] || sleep 0.5
done
expect "GET /health" 200 "$status"

expect "POST /tasks" 201 "$(request POST /tasks '{"title":"smoke"}')"
location="$(sed -n 's/^[Ll]ocation: *\([^[:space:]]*\).*/\1/p' "$work/headers")"
[[ -n "$location" ]] || fail "POST /tasks: no Location header"
# Absolute or relative: keep the path.
location="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).path)' "$location")"

expect "GET $location" 200 "$(request GET "$location")"
title="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("title"))' "$body" 2>/dev/null || true)"
[[ "$title" == smoke ]] || fail "GET $location: expected title 'smoke', got '$title'"
echo "GET $location title -> $title"

expect "DELETE $location" 204 "$(request DELETE "$location")"

# The page ships in every flavour: its HTML names fingerprinted assets, and those are served compressed and immutable.
expect "GET /" 200 "$(request GET /)"
grep -q 'class="todoapp"' "$body" || fail "GET /: not the page"
script="$(sed -n 's/.*<script type="module" src="\(assets\/app\.[a-z0-9]*\.js\)".*/\1/p' "$body")"
[[ -n "$script" ]] || fail "GET /: no fingerprinted assets/app.<hash>.js in the page"
status="$(curl -sS -o "$body" -D "$work/headers" -w '%{http_code}' --max-time 10 -H 'Accept-Encoding: br' "$base/$script" || true)"
expect "GET /$script (br)" 200 "$status"
grep -qi '^content-encoding: br' "$work/headers" || fail "GET /$script: not served brotli-compressed"
grep -qi '^cache-control: .*immutable' "$work/headers" || fail "GET /$script: not cached immutably"
expect "GET /auth/config" 200 "$(request GET /auth/config)"
# A published package has no catch-all asset route (a build run has one, for files added after the build).
expect "DELETE /tasks/<id>/extra" 404 "$(request DELETE /tasks/0190a0a0-0000-7000-8000-000000000000/extra)"
echo "lambda-package-smoke: OK (${SECONDS}s)"
