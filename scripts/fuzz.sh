#!/usr/bin/env bash
# Builds the libFuzzer harnesses (Fuzz/, docs/fuzzing.md) with AddressSanitizer and runs each
# for FUZZ_SECONDS, seeded from the repository and, when ../shared is beside it, the corpus.
# Prints executions per harness; exits 1 when any harness found a crash, leak or timeout
# (the input is in .build-fuzz/findings/). Usage: scripts/fuzz.sh [SECONDS] [HARNESS...]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${FUZZ_SECONDS:-30}}
shift || true
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
    harnesses=(fuzz-topology fuzz-config-ios fuzz-config-eos fuzz-config-frr fuzz-config-junos fuzz-lint-settings fuzz-aspath fuzz-lint)
fi
scratch=.build-fuzz
# gold cannot link the sanitized objects; lld can.
# One product at a time: routesim's own executable has a main, which libFuzzer's would clash with.
for harness in "${harnesses[@]}"; do
    ROUTESIM_FUZZ=1 ${SWIFT:-swift} build -c release --scratch-path "$scratch" --sanitize=fuzzer --sanitize=address \
        -Xswiftc -use-ld=lld --product "$harness" 2>&1 | grep -E "error|Build of" | tail -3
done
bin="$scratch/release"
corpus=../shared/corpus

seed() {  # seed HARNESS: copies seed inputs into the harness's working corpus (once)
    local harness=$1 dir="$scratch/corpus/$1"
    [ -d "$dir" ] && return
    mkdir -p "$dir"
    [ -d "Fuzz/seeds/$harness" ] && cp Fuzz/seeds/"$harness"/* "$dir"/
    local dialect=""
    case $harness in
        fuzz-topology) find topologies Tests -name '*.yml' -size -64k | head -200 | while read -r f; do cp "$f" "$dir/$(echo "$f" | tr / _)"; done ;;
        fuzz-config-ios) dialect=ios ;; fuzz-config-eos) dialect=eos ;; fuzz-config-frr) dialect=frr ;; fuzz-config-junos) dialect=junos ;;
        fuzz-lint) dialect=any ;;
    esac
    if [ -n "$dialect" ]; then
        find examples -type f -size -64k | while read -r f; do cp "$f" "$dir/$(echo "$f" | tr / _)"; done
        if [ -f "$corpus/MANIFEST.tsv" ]; then
            # 150 files under 16 KiB of the dialect (all dialects for the whole-lint harness).
            awk -F'\t' -v d="$dialect" 'NR > 1 && (d == "any" || $5 == d) && $10 < 16384 { print $1 }' "$corpus/MANIFEST.tsv" \
                | head -150 | while read -r f; do cp "$corpus/$f" "$dir/$(echo "$f" | tr / _)" 2>/dev/null; done
        else
            echo "note: ../shared/corpus not found; $harness seeded from the repository only"
        fi
    fi
}

mkdir -p "$scratch/findings" "$scratch/logs"
failed=0
printf '%-20s %12s %10s  %s\n' harness executions "exec/s" result
for harness in "${harnesses[@]}"; do
    [ -x "$bin/$harness" ] || { echo "$harness: not built"; failed=1; continue; }
    seed "$harness"
    log="$scratch/logs/$harness.log"
    "$bin/$harness" "$scratch/corpus/$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$scratch/findings/$harness-" > "$log" 2>&1
    status=$?
    runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
    rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -1)
    if [ $status -eq 0 ]; then result=ok; else result="FOUND (exit $status): see $log"; failed=1; fi
    printf '%-20s %12s %10s  %s\n' "$harness" "${runs:-?}" "${rate:-?}" "$result"
done
exit $failed
