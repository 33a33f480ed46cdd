#!/usr/bin/env bash
# Runs the API the way Lambda does, without Docker or SAM: the built Tasks.Api.dll as its own process
# talking to the Runtime API emulator, behind an HTTP front door on http://localhost:5050 that turns each
# request into an API Gateway HTTP API v2 event. DynamoDB Local on :8000 as in ./run.sh. Ctrl+C stops all.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source tools/dynamodb-local/ensure.sh

ensure_dynamodb 8000
dotnet build src/Tasks.Api --nologo -v quiet
app="$root/src/Tasks.Api/bin/Debug/net10.0"
echo "Front door (API Gateway stand-in): http://localhost:5050   e.g. curl -i localhost:5050/tasks"
DynamoDb__ServiceUrl=http://localhost:8000 DynamoDb__CreateTableIfMissing=true Auth__Mode="${Auth__Mode:-None}" \
  dotnet run --project "$root/tools/LambdaEmulator" -- --runtime-port 9001 --http-port 5050 -- dotnet "$app/Tasks.Api.dll"
