#!/usr/bin/env bash
# Sourced by ./run.sh and tools/lambda-local.sh: `ensure_dynamodb PORT` uses a DynamoDB already answering
# on localhost:PORT (for example `docker compose up -d`), or starts DynamoDB Local there with its data in
# .dynamodb-local/data and stops it when the calling script exits.

ddb_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ddb_root="$(cd "$ddb_here/../.." && pwd)"
ddb_pid=""

dynamodb_answers() {
  curl -s --max-time 2 -X POST "http://localhost:$1/" \
    -H 'Content-Type: application/x-amz-json-1.0' \
    -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
    -d '{}' 2>/dev/null | grep -q '"TableNames"'
}

stop_dynamodb() {
  if [[ -n "$ddb_pid" ]]; then
    kill "$ddb_pid" 2>/dev/null || true
    wait "$ddb_pid" 2>/dev/null || true
    echo "Stopped DynamoDB Local."
  fi
}

ensure_dynamodb() {
  local port="$1"
  if dynamodb_answers "$port"; then
    echo "Using the DynamoDB already answering on :$port."
    return
  fi
  "$ddb_here/fetch.sh" > /dev/null
  mkdir -p "$ddb_root/.dynamodb-local"
  "$ddb_here/start.sh" "$port" "$ddb_root/.dynamodb-local/data" > "$ddb_root/.dynamodb-local/dynamodb.log" 2>&1 &
  ddb_pid=$!
  trap stop_dynamodb EXIT
  for _ in $(seq 1 100); do
    dynamodb_answers "$port" && break
    if ! kill -0 "$ddb_pid" 2>/dev/null; then
      echo "DynamoDB Local did not start (is port $port taken?); see .dynamodb-local/dynamodb.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "DynamoDB Local is up on :$port (data in .dynamodb-local/data)."
}
