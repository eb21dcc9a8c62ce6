#!/usr/bin/env bash
# Convergence benchmark on generated topologies (release build). Prints, per size, the median
# of 3 runs of the control-plane time (`--timings` "converge"), the end-to-end wall time and the
# peak RSS. Usage: scripts/bench.sh [runs]   (run via `make bench`, which builds first)
# PREVIOUS=/path/to/older/routesim adds the sweeps timed against that binary in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/routesim
RUNS=${1:-3}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 2; }
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

bench() {
    local label=$1; shift
    local file="$work/$label.yml"
    "$BIN" generate "$@" -o "$file"
    local links
    links=$(grep -c '^  - r' "$file")
    : > "$work/converge"; : > "$work/wall"; : > "$work/rss"
    for _ in $(seq "$RUNS"); do
        "$TIME" -f "%e %M" -o "$work/time" "$BIN" simulate "$file" --timings > /dev/null 2> "$work/err"
        sed -n 's/.*converge \([0-9.]*\) s.*/\1/p' "$work/err" >> "$work/converge"
        awk '{print $1}' "$work/time" >> "$work/wall"
        awk '{print $2}' "$work/time" >> "$work/rss"
    done
    printf '%-34s %6s links  converge %6.3f s  end-to-end %6.2f s  peak RSS %5d MiB\n' \
        "$label ($*)" "$links" "$(median < "$work/converge")" "$(median < "$work/wall")" "$(( $(median < "$work/rss") / 1024 ))"
    grep '^timings' "$work/err" | sed 's/^/    last run: /'
}

echo "routesim $("$BIN" --version) convergence benchmark, median of $RUNS runs, $(nproc) cores"
bench small-200 --routers 200 --ases 1 --prefixes 200 --chords 0.5 --seed 1
bench rr-200 --routers 200 --ases 1 --prefixes 200 --chords 0.5 --reflectors 2 --seed 1
bench large-1000 --routers 1000 --ases 50 --prefixes 5000 --chords 0.5 --seed 1

# Failure sweeps: every single link and router, naive re-simulation per scenario (both cores).
sweep() {
    local label=$1; shift
    local file="$work/$label.yml"
    "$BIN" generate "$@" -o "$file"
    "$TIME" -f "%e %M" -o "$work/time" "$BIN" failures "$file" --no-sets > "$work/out"
    "$TIME" -f "%e %M" -o "$work/time-naive" "$BIN" failures "$file" --no-sets --naive > "$work/out-naive"
    cmp -s "$work/out" "$work/out-naive" || echo "    WARNING: naive and incremental results differ" >&2
    local scenarios
    scenarios=$(sed -nE '1s/.*: ([0-9]+) scenarios, ([0-9]+) flows.*/\1 scenarios, \2 flows/p' "$work/out")
    printf '%-34s %s  sweep %6.2f s (naive %6.2f s, ratio %.2f)  peak RSS %5d MiB\n' "$label ($*)" "$scenarios" \
        "$(awk '{print $1}' "$work/time")" "$(awk '{print $1}' "$work/time-naive")" \
        "$(awk -v a="$(awk '{print $1}' "$work/time-naive")" -v b="$(awk '{print $1}' "$work/time")" 'BEGIN {print a / b}')" \
        "$(( $(awk '{print $2}' "$work/time") / 1024 ))"
}
echo "failure sweeps (k=1, links and routers; one run each; naive = every scenario from scratch)"
sweep sweep-50 --routers 50 --ases 5 --prefixes 50 --hosts 6 --seed 1
sweep sweep-200-rr --routers 200 --ases 1 --prefixes 200 --reflectors 2 --hosts 10 --seed 1
sweep sweep-300-15as --routers 300 --ases 15 --prefixes 300 --hosts 10 --seed 1

# The 1,000-router / 2,000-link sweep: incremental in full (3,000+ scenarios, a few minutes);
# naive only on a sample of 40 link failures (as failure sets), against incremental on the same
# sample, since from scratch the full sweep would take about half an hour.
large_sweep() {
    local file="$work/sweep-1000.yml"
    "$BIN" generate --routers 1000 --ases 10 --prefixes 1000 --chords 1.0 --reflectors 2 --hosts 10 --seed 1 -o "$file"
    local links
    links=$(grep -c '^  - r' "$file")
    "$TIME" -f "%e %M" -o "$work/time" "$BIN" failures "$file" --no-sets > "$work/out"
    printf '%-34s %s  sweep %6.2f s  peak RSS %5d MiB\n' "sweep-1000 ($links links, 10 ASes, 1000 prefixes)" \
        "$(sed -nE '1s/.*: ([0-9]+) scenarios, ([0-9]+) flows.*/\1 scenarios, \2 flows/p' "$work/out")" \
        "$(awk '{print $1}' "$work/time")" "$(( $(awk '{print $2}' "$work/time") / 1024 ))"
    { cat "$file"; echo "failure-sets:"; grep '^  - r' "$file" | awk 'NR % 50 == 7 {print "  s" NR ": { links: [" $2 "] }"}' | head -40; } > "$work/sample.yml"
    "$TIME" -f "%e" -o "$work/time" "$BIN" failures "$work/sample.yml" --srlg > "$work/out"
    "$TIME" -f "%e" -o "$work/time-naive" "$BIN" failures "$work/sample.yml" --srlg --naive > "$work/out-naive"
    cmp -s "$work/out" "$work/out-naive" || echo "    WARNING: naive and incremental results differ" >&2
    printf '%-34s 40 link failures  sweep %6.2f s (naive %6.2f s, ratio %.2f; both include one baseline run)\n' "sweep-1000 sample" \
        "$(cat "$work/time")" "$(cat "$work/time-naive")" "$(awk -v a="$(cat "$work/time-naive")" -v b="$(cat "$work/time")" 'BEGIN {print a / b}')"
}
large_sweep

# MPLS: the same 1,000-router network plain, with LDP everywhere, and with LDP plus 5,000
# RSVP-TE LSPs: single-link sweeps (median of RUNS, interleaved), each against the previous.
mpls_sweeps() {
    local base=(--routers 1000 --ases 10 --prefixes 1000 --chords 1.0 --reflectors 2 --hosts 10 --seed 1)
    "$BIN" generate "${base[@]}" -o "$work/plain.yml"
    "$BIN" generate "${base[@]}" --ldp -o "$work/ldp.yml"
    "$BIN" generate "${base[@]}" --ldp --lsps 5000 -o "$work/rsvp.yml"
    : > "$work/plain"; : > "$work/ldp"; : > "$work/rsvp"
    for _ in $(seq "$RUNS"); do
        for variant in plain ldp rsvp; do
            "$TIME" -f "%e %M" -o "$work/time" "$BIN" failures "$work/$variant.yml" --no-routers --no-sets > /dev/null
            cat "$work/time" >> "$work/$variant"
        done
    done
    local plain ldp rsvp
    plain=$(awk '{print $1}' "$work/plain" | median); ldp=$(awk '{print $1}' "$work/ldp" | median); rsvp=$(awk '{print $1}' "$work/rsvp" | median)
    printf '%-34s plain %6.2f s, LDP %6.2f s (%.2fx plain), LDP + 5000 LSPs %6.2f s (%.2fx LDP), peak RSS %d MiB\n' \
        "mpls-sweep-1000 (links only)" "$plain" "$ldp" "$(awk -v a="$ldp" -v b="$plain" 'BEGIN {print a / b}')" "$rsvp" \
        "$(awk -v a="$rsvp" -v b="$ldp" 'BEGIN {print a / b}')" "$(( $(awk '{print $2}' "$work/rsvp" | sort -n | tail -1) / 1024 ))"
}
echo "MPLS (median of $RUNS interleaved runs)"
mpls_sweeps

# One network against a variant of it (the same generator arguments plus VARIANT_ARGS), swept
# link by link with the same flows, interleaved, median of RUNS each:
#   paired_sweep ROW BASE_LABEL VARIANT_LABEL "VARIANT_ARGS" GENERATOR_ARGS...
paired_sweep() {
    local row=$1 base_label=$2 variant_label=$3 variant_args=$4; shift 4
    "$BIN" generate "$@" -o "$work/base.yml"
    # shellcheck disable=SC2086 # VARIANT_ARGS is a word list
    "$BIN" generate "$@" $variant_args -o "$work/variant.yml"
    : > "$work/base"; : > "$work/variant"
    for _ in $(seq "$RUNS"); do
        for which in base variant; do
            "$TIME" -f "%e %M" -o "$work/time" "$BIN" failures "$work/$which.yml" --no-routers --no-sets > /dev/null
            cat "$work/time" >> "$work/$which"
        done
    done
    local base variant
    base=$(awk '{print $1}' "$work/base" | median); variant=$(awk '{print $1}' "$work/variant" | median)
    printf '%-34s %s %6.2f s, %s %6.2f s (%.2fx), peak RSS %d MiB\n' "$row (links only)" "$base_label" "$base" \
        "$variant_label" "$variant" "$(awk -v a="$variant" -v b="$base" 'BEGIN {print a / b}')" \
        "$(( $(awk '{print $2}' "$work/variant" | sort -n | tail -1) / 1024 ))"
}
sweep_network=(--routers 1000 --ases 10 --prefixes 1000 --chords 1.0 --reflectors 2 --hosts 10 --seed 1)

# VRFs (docs/vrf.md): the LDP network above, and the same with every router a PE of one
# customer VRF (1,000 VRF instances, one route target: ~99,000 VPN adjacencies); same flows.
echo "VRFs (median of $RUNS interleaved runs)"
paired_sweep vrf-sweep-1000 LDP "LDP + a VRF on every router" "--vrfs 1" "${sweep_network[@]}" --ldp

# Dual stack (docs/ipv6.md): the same network without MPLS, and with IPv6 on every link, an
# IPv6 twin of every prefix and host LAN, both families on every session and IPv6 flows beside
# the IPv4 ones (twice the prefixes and flows).
echo "Dual stack (median of $RUNS interleaved runs)"
paired_sweep dual-stack-sweep-1000 IPv4 "dual stack (twice the prefixes and flows)" "--ipv6" "${sweep_network[@]}"

# Against the previous binary (PREVIOUS=path/to/old/routesim make bench): the same sweeps,
# interleaved, median of RUNS each, outputs compared byte for byte.
previous() {
    local label=$1; shift
    local file="$work/$label.yml"
    "$BIN" generate "$@" -o "$file"
    : > "$work/new"; : > "$work/old"
    for _ in $(seq "$RUNS"); do
        "$TIME" -f "%e" -o "$work/time" "$PREVIOUS" failures "$file" --no-sets > "$work/out-old"; cat "$work/time" >> "$work/old"
        "$TIME" -f "%e" -o "$work/time" "$BIN" failures "$file" --no-sets > "$work/out"; cat "$work/time" >> "$work/new"
    done
    cmp -s "$work/out" "$work/out-old" || echo "    NOTE: reports differ from the previous binary's" >&2
    local new old
    new=$(median < "$work/new"); old=$(median < "$work/old")
    printf '%-34s sweep %6.2f s, previous binary %6.2f s: %.2fx\n' "$label ($*)" "$new" "$old" "$(awk -v a="$old" -v b="$new" 'BEGIN {print a / b}')"
}
if [ -n "${PREVIOUS:-}" ]; then
    echo "against the previous binary $PREVIOUS (median of $RUNS interleaved runs)"
    previous sweep-200-rr --routers 200 --ases 1 --prefixes 200 --chords 0.5 --reflectors 2 --hosts 10 --seed 1
    previous sweep-200-fullmesh --routers 200 --ases 1 --prefixes 200 --chords 0.5 --hosts 10 --seed 1
    previous sweep-1000 --routers 1000 --ases 10 --prefixes 1000 --chords 1.0 --reflectors 2 --hosts 10 --seed 1
    previous sweep-1000-50as --routers 1000 --ases 50 --prefixes 1000 --hosts 10 --seed 1
fi

# Diagrams: the same command writing DOT (load + simulate + DOT text) and SVG (+ layout and
# render in-process); the difference is the Graphviz time.
draw() {
    local label=$1; shift
    local file="$work/$label.yml"
    "$BIN" generate "$@" -o "$file"
    : > "$work/dot-wall"; : > "$work/svg-wall"
    for _ in $(seq "$RUNS"); do
        "$TIME" -f "%e" -o "$work/time" "$BIN" draw "$file" -o "$work/$label.dot" 2> /dev/null; cat "$work/time" >> "$work/dot-wall"
        "$TIME" -f "%e %M" -o "$work/time" "$BIN" draw "$file" -o "$work/$label.svg" 2> /dev/null; awk '{print $1}' "$work/time" >> "$work/svg-wall"
    done
    local dotw svgw
    dotw=$(median < "$work/dot-wall"); svgw=$(median < "$work/svg-wall")
    printf '%-34s draw -o .dot %5.2f s, -o .svg %5.2f s: Graphviz %5.2f s (%s layout), SVG %d KiB\n' "$label ($*)" "$dotw" "$svgw" \
        "$(awk -v a="$svgw" -v b="$dotw" 'BEGIN {print a - b}')" "$(grep -o 'layout=[a-z]*' "$work/$label.dot" | head -1 | cut -d= -f2)" \
        "$(( $(wc -c < "$work/$label.svg") / 1024 ))"
}
echo "diagrams (median of $RUNS runs)"
draw draw-30-3as --routers 30 --ases 3 --prefixes 10 --hosts 4 --seed 2
draw draw-200 --routers 200 --ases 1 --prefixes 200 --hosts 10 --seed 1
