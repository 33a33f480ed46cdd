#!/usr/bin/env bash
# Runs the API the way Lambda does, without Docker or SAM: the built Tasks.Api.dll as its own process
# talking to the Runtime API emulator, behind an HTTP front door on http://localhost:5050 that turns each
# request into an API Gateway HTTP API v2 event. DynamoDB Local on :8000 as in ./run.sh. Ctrl+C stops all.
#
# Usage: tools/lambda-local.sh [--jwt-issuer URL --jwt-audience AUD [--jwt-audience AUD2] [--jwt-public-path PATH]...]
#   With --jwt-issuer/--jwt-audience the front door does what the HTTP API's JWT authorizer does (discovery document
#   and JWKS of the issuer, http:// allowed; 401 {"message":"Unauthorized"} before the function runs; claims in
#   requestContext.authorizer.jwt) and the app runs with Auth__Mode=Jwt. Public paths default to /, /assets/*,
#   /auth/config and /health (OPTIONS is always public); each --jwt-public-path replaces that list.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source tools/dynamodb-local/ensure.sh

jwt_args=("$@")
auth_mode="${Auth__Mode:-None}"
issuer="" audience=""
for ((i = 0; i < ${#jwt_args[@]}; i++)); do
  case "${jwt_args[i]}" in
    --jwt-issuer) issuer="${jwt_args[i + 1]:-}"; auth_mode="${Auth__Mode:-Jwt}" ;;
    --jwt-audience) [[ -n "$audience" ]] || audience="${jwt_args[i + 1]:-}" ;;
    --jwt-public-path) ;;
    --*) echo "unknown option ${jwt_args[i]}; usage: tools/lambda-local.sh [--jwt-issuer URL --jwt-audience AUD [--jwt-public-path PATH]...]" >&2; exit 2 ;;
  esac
done

ensure_dynamodb 8000
dotnet build src/Tasks.Api --nologo -v quiet
app="$root/src/Tasks.Api/bin/Debug/net10.0"
echo "Front door (API Gateway stand-in): http://localhost:5050   e.g. curl -i localhost:5050/tasks"
DynamoDb__ServiceUrl=http://localhost:8000 DynamoDb__CreateTableIfMissing=true Auth__Mode="$auth_mode" \
  Auth__Issuer="${Auth__Issuer:-$issuer}" Auth__Audience="${Auth__Audience:-$audience}" \
  dotnet run --project "$root/tools/LambdaEmulator" -- --runtime-port 9001 --http-port 5050 "${jwt_args[@]}" -- dotnet "$app/Tasks.Api.dll"
