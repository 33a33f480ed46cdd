#!/usr/bin/env bash
# Every performance figure of docs/performance.md, on this machine, in one run:
#   bench/run.sh [--quick] [--skip-publish] [--only coldstart|adapter|throughput|size]...
# Needs: the .NET SDK, java (DynamoDB Local, fetched by tools/dynamodb-local/fetch.sh), wrk (apt-get install wrk).
# Uses DYNAMODB_URL if set, otherwise starts DynamoDB Local in memory on a free loopback port for the run.
# Results: bench/results/<UTC time>/ (coldstart.tsv, adapter.csv, throughput.tsv, size.tsv, summary.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

runs=10 requests=1000 wrk_seconds=15 bdn_job=()
publish=1
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) runs=3 requests=300 wrk_seconds=5 bdn_job=(--job short) ;;
    --skip-publish) publish=0 ;;
    --only) only+=("$2"); shift ;;
    *) echo "usage: bench/run.sh [--quick] [--skip-publish] [--only coldstart|adapter|throughput|size]..." >&2; exit 2 ;;
  esac
  shift
done
wants() { [[ ${#only[@]} -eq 0 ]] || [[ " ${only[*]} " == *" $1 "* ]]; }

flavours=(${FLAVOURS:-jit r2r r2r-tuned sc-composite aot})
# Runtime settings that are not publish properties; in the SAM template they are function environment variables.
# GCgen0size: a 2 MiB gen0 budget instead of one sized from the 32 MiB L3 cache (see docs/performance.md).
declare -A flavour_env=([r2r-tuned]="DOTNET_GCgen0size=0x200000" [sc-composite]="DOTNET_GCgen0size=0x200000")
table="BenchTasks"
out="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
echo "results -> $out"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [[ -z "${DYNAMODB_URL:-}" ]] && { wants coldstart || wants throughput; }; then
  port="$(free_port)"
  tools/dynamodb-local/start.sh "$port" >"$out/dynamodb.log" 2>&1 &
  pids+=($!)
  DYNAMODB_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    curl -s -o /dev/null -X POST "$DYNAMODB_URL" -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
      -H 'Content-Type: application/x-amz-json-1.0' -H 'Authorization: AWS4-HMAC-SHA256 Credential=l/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
      -d '{}' && break
    sleep 0.5
  done
fi
echo "DynamoDB Local: ${DYNAMODB_URL:-none}"

if [[ $publish -eq 1 ]] && { wants coldstart || wants throughput || wants size; }; then
  bench/publish.sh "${flavours[@]}"
fi

# --- package size: what would be zipped for Lambda (debug symbols of the native binary excluded) ---
if wants size; then
  printf 'flavour\tfiles\tunzipped_mib\tzipped_mib\n' >"$out/size.tsv"
  for f in "${flavours[@]}"; do
    app="bench/out/$f/app"
    [[ -d "$app" ]] || continue
    python3 - "$app" "$f" >>"$out/size.tsv" <<'EOF'
import io, os, sys, zipfile
app, flavour = sys.argv[1], sys.argv[2]
files = [os.path.join(d, n) for d, _, ns in os.walk(app) for n in ns if not n.endswith(".dbg")]
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for p in files:
        z.write(p, os.path.relpath(p, app))
raw = sum(os.path.getsize(p) for p in files)
print(f"{flavour}\t{len(files)}\t{raw / 2**20:.1f}\t{len(buf.getvalue()) / 2**20:.1f}")
EOF
  done
  column -t -s $'\t' "$out/size.tsv"
fi

# --- cold start, memory, warm latency (bench/ColdStart) ---
if wants coldstart; then
  dotnet build bench/ColdStart -c Release -nologo -clp:NoSummary -v:q >/dev/null
  for f in "${flavours[@]}"; do
    [[ -d "bench/out/$f/app" ]] || { echo "skip $f (not published)"; continue; }
    envs=()
    for kv in ${flavour_env[$f]:-}; do envs+=(--env "$kv"); done
    modes="lambda,snapstart,kestrel"
    [[ "$f" == "${flavours[0]}" ]] && modes="floor,$modes"
    # A table per flavour: DynamoDB Local's DescribeTable (behind /health) slows as a table grows.
    dotnet bench/ColdStart/bin/Release/net10.0/ColdStart.dll --app "bench/out/$f/app" --flavour "$f" \
      --runs "$runs" --requests "$requests" --modes "$modes" --dynamodb "$DYNAMODB_URL" --table "$table-$f" \
      --tsv "$out/coldstart.tsv" "${envs[@]}"
  done
fi

# --- adapter overhead per invocation (BenchmarkDotNet, in-process toolchain) ---
if wants adapter; then
  dotnet build bench/Adapter.Benchmarks -c Release -nologo -clp:NoSummary -v:q --artifacts-path bench/out/adapter-build >/dev/null
  (cd "$out" && dotnet "$root/bench/out/adapter-build/bin/Adapter.Benchmarks/release/Adapter.Benchmarks.dll" \
    --filter '*' "${bdn_job[@]}" --exporters csv --artifacts "$out/bdn")
  # One CSV per benchmark class (InvocationBenchmarks, DynamoDbClientBenchmarks): adapter-<class>.csv each.
  for csv in "$out"/bdn/results/*-report.csv; do
    [[ -f "$csv" ]] || continue
    name="$(basename "$csv" -report.csv)"
    cp "$csv" "$out/adapter-${name##*.}.csv"
  done
fi

# --- throughput: wrk against Kestrel + DynamoDB Local, and DynamoDB Local alone for the same calls ---
if wants throughput; then
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
  printf 'flavour\ttarget\treq_per_s\tp50_ms\tp99_ms\n' >"$out/throughput.tsv"
  wrk_run() { # flavour target wrk-args...
    local flavour="$1" target="$2"; shift 2
    local report
    report="$(wrk -t2 -c16 -d"${wrk_seconds}s" --latency "$@" 2>&1)"
    local rps p50 p99
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$report")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$report")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$report")"
    if grep -q "Non-2xx" <<<"$report"; then echo "$report" >&2; fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$flavour" "$target" "$rps" "$p50" "$p99" | tee -a "$out/throughput.tsv"
  }
  for f in ${THROUGHPUT_FLAVOURS:-r2r-tuned aot}; do
    app="bench/out/$f/app"
    [[ -d "$app" ]] || continue
    port="$(free_port)"
    env_args=()
    for kv in ${flavour_env[$f]:-}; do env_args+=("$kv"); done
    cmd=(dotnet exec "$app/Tasks.Api.dll"); [[ -f "$app/Tasks.Api.dll" ]] || cmd=("$app/Tasks.Api")
    env -u AWS_LAMBDA_RUNTIME_API ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
      DynamoDb__ServiceUrl="$DYNAMODB_URL" DynamoDb__TableName="$table" DynamoDb__CreateTableIfMissing=true \
      Auth__Mode=None Security__RateLimitEnabled=false Logging__LogLevel__Default=Warning "${env_args[@]}" \
      "${cmd[@]}" >"$out/throughput-$f.log" 2>&1 &
    app_pid=$!
    pids+=($app_pid)
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
    id="$(curl -sf -X POST "http://127.0.0.1:$port/tasks" -H 'Content-Type: application/json' -d '{"title":"wrk probe","status":"todo"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
    # Warm-up of both sides (JIT in the app, HotSpot in DynamoDB Local, connection pools), not recorded.
    wrk -t2 -c16 -d3s "http://127.0.0.1:$port/tasks/$id" >/dev/null
    wrk -t2 -c16 -d3s -s bench/wrk/create-task.lua "http://127.0.0.1:$port/tasks" >/dev/null
    for op in get query put; do wrk -t2 -c16 -d3s -s bench/wrk/dynamodb.lua "$DYNAMODB_URL" -- "$op" "$table" public "$id" >/dev/null; done
    wrk_run "$f" "api GET /tasks/{id}" "http://127.0.0.1:$port/tasks/$id"
    wrk_run "$f" "dynamodb GetItem" -s bench/wrk/dynamodb.lua "$DYNAMODB_URL" -- get "$table" public "$id"
    wrk_run "$f" "api GET /tasks" "http://127.0.0.1:$port/tasks?limit=20"
    wrk_run "$f" "dynamodb Query" -s bench/wrk/dynamodb.lua "$DYNAMODB_URL" -- query "$table" public "$id"
    wrk_run "$f" "api POST /tasks" -s bench/wrk/create-task.lua "http://127.0.0.1:$port/tasks"
    wrk_run "$f" "dynamodb PutItem" -s bench/wrk/dynamodb.lua "$DYNAMODB_URL" -- put "$table" public "$id"
    kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
  done
fi

python3 "$root/bench/summarize.py" "$out" | tee "$out/summary.md"
