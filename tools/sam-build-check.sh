#!/usr/bin/env bash
# Builds the Lambda package the way `sam build` does (make build-<LogicalId> with ARTIFACTS_DIR set)
# and checks what the dotnet10 managed runtime needs to start `Handler: Tasks.Api`.
#
#   tools/sam-build-check.sh                      # linux-arm64 (as deployed) and linux-x64 (runs here)
#   RIDS=linux-x64 tools/sam-build-check.sh       # one RID only
#   KEEP_DIR=/tmp/pkg tools/sam-build-check.sh    # keep packages in /tmp/pkg/<rid> (e.g. for the emulator)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rids="${RIDS:-linux-arm64 linux-x64}"
function_id="TasksFunction"

handler="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["Resources"][sys.argv[2]]["Properties"]["Handler"])' \
  "$root/serverless.template" "$function_id")"

if [[ -n "${KEEP_DIR:-}" ]]; then
  base="$KEEP_DIR"
  mkdir -p "$base"
else
  base="$(mktemp -d)"
  trap 'rm -rf "$base"' EXIT
fi

fail() { echo "sam-build-check: $*" >&2; exit 1; }

for rid in $rids; do
  out="$base/$rid"
  rm -rf "$out" && mkdir -p "$out"
  echo "== make build-$function_id RID=$rid ARTIFACTS_DIR=$out"
  make --no-print-directory -C "$root" "build-$function_id" ARTIFACTS_DIR="$out" RID="$rid"

  for file in "$handler.dll" "$handler.runtimeconfig.json" "$handler.deps.json"; do
    [[ -f "$out/$file" ]] || fail "$rid: $file missing from the package"
  done
  [[ ! -e "$out/$handler" ]] || fail "$rid: apphost present; the managed runtime starts $handler.dll itself"

  runtimeconfig="$out/$handler.runtimeconfig.json"
  grep -q '"Microsoft.AspNetCore.App"' "$runtimeconfig" || fail "$rid: not framework-dependent on Microsoft.AspNetCore.App"
  grep -q '"System.GC.Server": false' "$runtimeconfig" || fail "$rid: server GC is on"
  grep -q "\"runtimeTarget\"" "$out/$handler.deps.json" || fail "$rid: deps.json unreadable"
  grep -q "\"name\": \".NETCoreApp,Version=v10.0/$rid\"" "$out/$handler.deps.json" \
    || fail "$rid: deps.json does not target .NETCoreApp 10.0 for $rid"

  echo "== $rid package OK: $(du -sh "$out" | cut -f1) in $out"
done
