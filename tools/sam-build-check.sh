#!/usr/bin/env bash
# Builds the Lambda package the way `sam build` does (make build-<LogicalId> with ARTIFACTS_DIR set)
# and checks what the runtime needs to start it: for the managed flavour, what dotnet10 needs for
# `Handler: Tasks.Api`; for native-aot, what provided.al2023 needs (an executable bootstrap whose glibc
# symbols Amazon Linux 2023 has).
#
#   tools/sam-build-check.sh                          # linux-arm64 (as deployed) and linux-x64 (runs here)
#   RIDS=linux-x64 tools/sam-build-check.sh           # one RID only
#   KEEP_DIR=/tmp/pkg tools/sam-build-check.sh        # keep packages in /tmp/pkg/<rid> (e.g. for the emulator)
#   FLAVOUR=native-aot tools/sam-build-check.sh       # the Native AOT package (linux-x64), in <KEEP_DIR>/native-aot
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
flavour="${FLAVOUR:-managed}"
function_id="TasksFunction"
# Amazon Linux 2023's glibc: a bootstrap that needs a newer symbol version does not start there.
al2023_glibc="2.34"

handler="$(python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["Resources"][sys.argv[2]]["Properties"]["Handler"]; print(h["Fn::If"][2] if isinstance(h, dict) else h)' \
  "$root/serverless.template" "$function_id")"

if [[ -n "${KEEP_DIR:-}" ]]; then
  base="$KEEP_DIR"
  mkdir -p "$base"
else
  base="$(mktemp -d)"
  trap 'rm -rf "$base"' EXIT
fi

fail() { echo "sam-build-check: $*" >&2; exit 1; }

if [[ "$flavour" == native-aot ]]; then
  out="$base/native-aot"
  rm -rf "$out" && mkdir -p "$out"
  echo "== FLAVOUR=native-aot make build-$function_id ARTIFACTS_DIR=$out"
  FLAVOUR=native-aot make --no-print-directory -C "$root" "build-$function_id" ARTIFACTS_DIR="$out"
  [[ -x "$out/bootstrap" ]] || fail "native-aot: no executable bootstrap in the package"
  [[ ! -e "$out/$handler.dll" ]] || fail "native-aot: managed $handler.dll in the package"
  [[ -f "$out/appsettings.json" ]] || fail "native-aot: appsettings.json missing"
  newest="$(objdump -T "$out/bootstrap" | { grep -oE 'GLIBC_[0-9]+\.[0-9]+' || true; } | sed 's/GLIBC_//' | sort -V | tail -n 1)"
  [[ -n "$newest" ]] || fail "native-aot: no versioned glibc symbols found in bootstrap (not a glibc executable?)"
  [[ "$(printf '%s\n%s\n' "$newest" "$al2023_glibc" | sort -V | tail -n 1)" == "$al2023_glibc" ]] \
    || fail "native-aot: bootstrap needs glibc $newest; Amazon Linux 2023 has $al2023_glibc"
  echo "== native-aot package OK: $(du -sh "$out" | cut -f1) in $out (newest glibc symbol: $newest; AL2023 has $al2023_glibc)"
  exit 0
fi

rids="${RIDS:-linux-arm64 linux-x64}"

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
