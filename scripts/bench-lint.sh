#!/usr/bin/env bash
# Lint benchmark against the peers' baseline (../shared/corpus/bench/PEER_BASELINE.md): the
# synthetic 1,000 x 3,000-line IOS input from gen_big.py, linted with every rule (release build,
# median of 3 runs, GNU time), then the three ground-truth counts (Null0 routes, tracked
# statics, advertise-map neighbors) checked against expected.json. The peers (hier_config 2.3.1,
# ciscoconfparse2 0.9.18, from PyPI into a virtualenv under .build/) run on the same input in the
# same run, interleaved with routesim, so the ratios compare like with like.
# Usage: scripts/bench-lint.sh [runs] [peer-runs]   (PEERS=0 skips the peers)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/routesim
RUNS=${1:-3}
PEER_RUNS=${2:-1}
SHARED=${SHARED:-../shared}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 2; }
[ -f "$SHARED/corpus/bench/gen_big.py" ] || { echo "needs $SHARED/corpus/bench/gen_big.py" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$SHARED/corpus/bench/gen_big.py" --out "$work/big" --n 1000 --lines 3000 --seed 42 > /dev/null
lines=$(cat "$work"/big/*.cfg | wc -l)
# The peers, in a virtualenv of their own (python3-venv on Debian).
VENV=.build/bench-peers
peers=${PEERS:-1}
if [ "$peers" = 1 ] && [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" 2>/dev/null || { command -v apt-get >/dev/null && apt-get install -y python3-venv >/dev/null && python3 -m venv "$VENV"; } || peers=0
    [ "$peers" = 1 ] && { "$VENV/bin/pip" install -q hier_config==2.3.1 ciscoconfparse2==0.9.18 || peers=0; }
    [ "$peers" = 1 ] || echo "peers not installed (no PyPI?): their figures are left out" >&2
fi
: > "$work/wall"; : > "$work/cpu"; : > "$work/rss"
: > "$work/hier"; : > "$work/ccp"
measure() {  # label, command...: appends "wall cpu rss" to $work/$label
    local label=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null 2>&1 || true
    read -r wall user sys rss < "$work/time"
    echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') $rss" >> "$work/$label"
}
for round in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$BIN" lint "$work/big" --format json -o "$work/out.json"
    read -r wall user sys rss < "$work/time"
    echo "$wall" >> "$work/wall"; awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}' >> "$work/cpu"; echo "$rss" >> "$work/rss"
    if [ "$peers" = 1 ] && [ "$round" -le "$PEER_RUNS" ]; then
        measure hier "$VENV/bin/python" "$SHARED/corpus/bench/peer_hier_config.py" "$work/big" '*.cfg'
        measure ccp "$VENV/bin/python" "$SHARED/corpus/bench/peer_parse.py" --dir "$work/big" --glob '*.cfg'
    fi
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall=$(median < "$work/wall"); cpu=$(median < "$work/cpu"); rss=$(( $(median < "$work/rss") / 1024 ))
python3 - "$work/out.json" "$work/big/expected.json" <<'PY'
import json, sys
out = json.load(open(sys.argv[1])); expected = json.load(open(sys.argv[2]))["files"]
got = {f["path"].rsplit("/", 1)[-1]: f for f in out["files"]}
keys = [("null0", "discardRoutes"), ("tracked_static", "trackedRoutes"), ("advertise_map", "conditionalNeighbors")]
differ = [name for name, e in expected.items() if any(got.get(name, {}).get(k) != e[p] for p, k in keys)]
totals = {p: sum(f[k] for f in out["files"]) for p, k in keys}
print(f"ground truth: {totals['null0']} Null0 routes, {totals['tracked_static']} tracked statics, {totals['advertise_map']} advertise-map neighbors; {len(differ)} of {len(expected)} files differ from expected.json")
PY
printf 'routesim lint (all rules), %d lines: %s s wall (%.0fk lines/s), %s CPU-s (%.0fk lines per CPU-s), peak RSS %d MiB\n' \
    "$lines" "$wall" "$(awk -v l="$lines" -v w="$wall" 'BEGIN {print l / w / 1000}')" "$cpu" "$(awk -v l="$lines" -v c="$cpu" 'BEGIN {print l / c / 1000}')" "$rss"
if [ -s "$work/hier" ] && [ -s "$work/ccp" ]; then
    column() { awk -v c="$2" '{print $c}' "$work/$1" | median; }
    hw=$(column hier 1); hc=$(column hier 2); hr=$(( $(column hier 3) / 1024 ))
    cw=$(column ccp 1); cc=$(column ccp 2); cr=$(( $(column ccp 3) / 1024 ))
    printf 'peers, same input, same run: hier_config 2.3.1 %s s wall / %s CPU-s / %d MiB; ciscoconfparse2 0.9.18 %s s / %s CPU-s / %d MiB\n' "$hw" "$hc" "$hr" "$cw" "$cc" "$cr"
    printf 'routesim vs hier_config: %.1fx wall, %.1fx CPU, memory %.1fx hier_config'"'"'s; vs ciscoconfparse2: %.1fx wall, %.1fx CPU\n' \
        "$(awk -v a="$hw" -v b="$wall" 'BEGIN {print a / b}')" "$(awk -v a="$hc" -v b="$cpu" 'BEGIN {print a / b}')" \
        "$(awk -v a="$rss" -v b="$hr" 'BEGIN {print a / b}')" "$(awk -v a="$cw" -v b="$wall" 'BEGIN {print a / b}')" "$(awk -v a="$cc" -v b="$cpu" 'BEGIN {print a / b}')"
else
    printf 'peers not run (PEERS=0 or not installable); PEER_BASELINE.md has older figures from a separate run\n'
fi
