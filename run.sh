#!/usr/bin/env bash
# Runs the Tasks API locally: DynamoDB Local on :8000 (data kept in .dynamodb-local/data) and the
# API on http://localhost:5080 with Swagger UI. A DynamoDB already answering on :8000 (for example
# `docker compose up -d`) is used as it is. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

ddb_port=8000
api_url="http://localhost:5080"

answers_as_dynamodb() {
  curl -s --max-time 2 -X POST "http://localhost:$ddb_port/" \
    -H 'Content-Type: application/x-amz-json-1.0' \
    -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
    -d '{}' 2>/dev/null | grep -q '"TableNames"'
}

ddb_pid=""
cleanup() {
  if [[ -n "$ddb_pid" ]]; then
    kill "$ddb_pid" 2>/dev/null || true
    wait "$ddb_pid" 2>/dev/null || true
    echo "Stopped DynamoDB Local."
  fi
}
trap cleanup EXIT

if answers_as_dynamodb; then
  echo "Using the DynamoDB already answering on :$ddb_port."
else
  tools/dynamodb-local/fetch.sh > /dev/null
  mkdir -p .dynamodb-local
  tools/dynamodb-local/start.sh "$ddb_port" .dynamodb-local/data > .dynamodb-local/dynamodb.log 2>&1 &
  ddb_pid=$!
  for _ in $(seq 1 100); do
    answers_as_dynamodb && break
    if ! kill -0 "$ddb_pid" 2>/dev/null; then
      echo "DynamoDB Local did not start (is port $ddb_port taken?); see .dynamodb-local/dynamodb.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "DynamoDB Local is up on :$ddb_port (data in .dynamodb-local/data)."
fi

echo "Tasks API: $api_url   Swagger UI: $api_url/swagger"
ASPNETCORE_ENVIRONMENT=Development dotnet run --project src/Tasks.Api --launch-profile Tasks.Api "$@"
