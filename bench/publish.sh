#!/usr/bin/env bash
# Publishes src/Tasks.Api once per build flavour into bench/out/<flavour>/app (git-ignored).
#   bench/publish.sh [flavour...]     flavours: jit r2r r2r-rdg r2r-tuned sc-composite aot aot-size (default: jit r2r r2r-tuned sc-composite aot)
# Each flavour has its own obj/bin tree (--artifacts-path), so nothing under src/ is touched.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/src/Tasks.Api/Tasks.Api.csproj"
rid="${RID:-linux-x64}"
flavours=("$@")
[[ ${#flavours[@]} -gt 0 ]] || flavours=(jit r2r r2r-tuned sc-composite aot)

for flavour in "${flavours[@]}"; do
  out="$root/bench/out/$flavour"
  common=(--configuration Release --runtime "$rid" --artifacts-path "$out/build" --output "$out/app" -nologo -clp:NoSummary)
  # The cold-start settings Tasks.Api.csproj carries since the tuning, switched back off for the baselines.
  untuned=(-p:EnableRequestDelegateGenerator=false -p:EnableConfigurationBindingGenerator=false -p:TieredPGO=true -p:ConcurrentGarbageCollection=true)
  case "$flavour" in
    # The managed runtime's baseline: the Web SDK defaults (JIT only, Server GC), no tuning.
    jit) props=(--self-contained false -p:PublishReadyToRun=false -p:UseAppHost=false "${untuned[@]}") ;;
    # The Makefile before the tuning: ReadyToRun, workstation GC.
    r2r) props=(--self-contained false -p:PublishReadyToRun=true -p:ServerGarbageCollection=false -p:UseAppHost=false "${untuned[@]}") ;;
    # What the Makefile ships now (sam build): r2r plus the csproj's settings measured in docs/performance.md
    # (request delegates and config binding generated at compile time, no TieredPGO, no background GC).
    r2r-tuned) props=(--self-contained false -p:PublishReadyToRun=true -p:ServerGarbageCollection=false -p:UseAppHost=false) ;;
    # r2r with only the compile-time generators AOT turns on (minimal API request delegates, config binding).
    r2r-rdg) props=(--self-contained false -p:PublishReadyToRun=true -p:ServerGarbageCollection=false -p:UseAppHost=false
                    "${untuned[@]}" -p:EnableRequestDelegateGenerator=true -p:EnableConfigurationBindingGenerator=true) ;;
    # provided.al2023 without AOT: self-contained, the app and the framework precompiled as one composite image,
    # so generic code across assemblies (async state machines over framework types) needs no JIT.
    sc-composite) props=(--self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true
                         -p:ServerGarbageCollection=false) ;;
    # provided.al2023 flavour, as the Makefile builds it (FLAVOUR=native-aot): one native executable, workstation GC.
    aot) props=(-p:PublishAot=true -p:CppCompilerAndLinker="${CPP_LINKER:-clang-14}" -p:StripSymbols=true -p:ServerGarbageCollection=false) ;;
    # aot, smaller: fewer code pages to map (RSS) and to read at start; workstation GC.
    aot-size) props=(-p:PublishAot=true -p:CppCompilerAndLinker="${CPP_LINKER:-clang-14}" -p:StripSymbols=true
                     -p:OptimizationPreference=Size -p:UseSystemResourceKeys=true -p:ServerGarbageCollection=false) ;;
    *) echo "unknown flavour '$flavour' (jit r2r r2r-rdg r2r-tuned sc-composite aot aot-size)" >&2; exit 2 ;;
  esac
  rm -rf "$out/app"
  log="$out/publish.log"
  mkdir -p "$out"
  echo "publish $flavour -> $out/app"
  # Warnings are kept (TreatWarningsAsErrors off for trim/AOT analysis warnings) so they can be counted.
  if ! dotnet publish "$project" "${common[@]}" "${props[@]}" -p:TreatWarningsAsErrors=false >"$log" 2>&1; then
    echo "  FAILED, see $log" >&2
    tail -n 20 "$log" >&2
    continue
  fi
  # Each warning is printed twice (at its site and in the summary); count distinct ones per code.
  grep -oE 'warning IL[0-9]+: [^[]*' "$log" | sed -E 's/ +$//' | sort -u >"$out/warnings.txt" || true
  warnings=$(cut -d: -f1 "$out/warnings.txt" | sort | uniq -c | awk '{printf "%s%s x%s", sep, $3, $1; sep=", "}')
  echo "  done; distinct trim/AOT warnings: ${warnings:-none} (list: $out/warnings.txt)"
done
