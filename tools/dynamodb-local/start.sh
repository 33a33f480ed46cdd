#!/usr/bin/env bash
# Starts DynamoDB Local in the foreground: start.sh PORT [DATA_DIR]
# With DATA_DIR the tables are kept on disk there; without it they live in memory.
set -euo pipefail
port="${1:?usage: start.sh PORT [DATA_DIR]}"
data="${2:-}"
home="$("$(dirname "${BASH_SOURCE[0]}")/fetch.sh")"
storage=(-inMemory)
workdir="$(mktemp -d)"
if [[ -n "$data" ]]; then
  mkdir -p "$data"
  workdir="$(cd "$data" && pwd)"
  storage=(-dbPath "$workdir")
fi
# DynamoDB Local leaves a metadata file in its working directory.
cd "$workdir"
exec java -Xms64m -Djava.library.path="$home/DynamoDBLocal_lib" -jar "$home/DynamoDBLocal.jar" \
  -port "$port" "${storage[@]}"
