#!/usr/bin/env bash
# Runs the Tasks API locally: DynamoDB Local on :8000 (data kept in .dynamodb-local/data) and the
# API on http://localhost:5080 with Swagger UI. A DynamoDB already answering on :8000 (for example
# `docker compose up -d`) is used as it is. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source tools/dynamodb-local/ensure.sh

ensure_dynamodb 8000
echo "Tasks API: http://localhost:5080   Swagger UI: http://localhost:5080/swagger"
ASPNETCORE_ENVIRONMENT=Development dotnet run --project src/Tasks.Api --launch-profile Tasks.Api "$@"
