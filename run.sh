#!/usr/bin/env bash
# Runs Tasks locally: DynamoDB Local on :8000 (data kept in .dynamodb-local/data) and the page and
# API on http://localhost:5080 with Swagger UI. A DynamoDB already answering on :8000 (for example
# `docker compose up -d`) is used as it is. Ctrl+C stops both.
# `./run.sh --auth` also starts the local OpenID provider (tools/oidc/server.mjs) on :5090 and runs
# the API with Auth:Mode=Jwt against it; without it authentication is off.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source tools/dynamodb-local/ensure.sh

auth=false
if [[ "${1:-}" == "--auth" ]]; then
  auth=true
  shift
fi

ensure_dynamodb 8000
if $auth; then
  [[ -d node_modules/oidc-provider ]] || npm ci --no-audit --no-fund
  mkdir -p .oidc
  node tools/oidc/server.mjs --port 5090 --redirect http://localhost:5080/ > .oidc/provider.log 2>&1 &
  oidc_pid=$!
  trap 'kill "$oidc_pid" 2>/dev/null || true; stop_dynamodb' EXIT
  for _ in $(seq 1 50); do
    grep -q '^ready ' .oidc/provider.log && break
    kill -0 "$oidc_pid" 2>/dev/null || { echo "The OpenID provider did not start (is port 5090 taken?); see .oidc/provider.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "OpenID provider: http://localhost:5090 (users alice / alice-password, bob / bob-password; tools/oidc/token.sh alice prints a token)"
  export Auth__Mode=Jwt Auth__Issuer=http://localhost:5090 Auth__Audience=tasks-api \
    Auth__ClientId=tasks-web Auth__Scopes="openid profile"
fi
echo "Tasks: the page at http://localhost:5080/   Swagger UI: http://localhost:5080/swagger"
ASPNETCORE_ENVIRONMENT=Development dotnet run --project src/Tasks.Api --launch-profile Tasks.Api "$@"
