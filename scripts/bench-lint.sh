#!/usr/bin/env bash
# Lint benchmark against the peers' baseline (../shared/corpus/bench/PEER_BASELINE.md): the
# synthetic 1,000 x 3,000-line IOS input from gen_big.py, linted with every rule (release build,
# median of 3 runs, GNU time), then the three ground-truth counts (Null0 routes, tracked
# statics, advertise-map neighbors) checked against expected.json. Usage: scripts/bench-lint.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/routesim
RUNS=${1:-3}
SHARED=${SHARED:-../shared}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 2; }
[ -f "$SHARED/corpus/bench/gen_big.py" ] || { echo "needs $SHARED/corpus/bench/gen_big.py" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$SHARED/corpus/bench/gen_big.py" --out "$work/big" --n 1000 --lines 3000 --seed 42 > /dev/null
lines=$(cat "$work"/big/*.cfg | wc -l)
: > "$work/wall"; : > "$work/cpu"; : > "$work/rss"
for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$BIN" lint "$work/big" --format json -o "$work/out.json"
    read -r wall user sys rss < "$work/time"
    echo "$wall" >> "$work/wall"; awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}' >> "$work/cpu"; echo "$rss" >> "$work/rss"
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
printf 'peers (PEER_BASELINE.md, same machine): hier_config 76.8 s wall / 54.0 CPU-s (39.0k lines/s), ciscoconfparse2 118.6 s / 114.4 CPU-s (25.3k lines/s)\n'
printf 'ratio vs hier_config: %.1fx wall, %.1fx CPU\n' "$(awk -v w="$wall" 'BEGIN {print 76.79 / w}')" "$(awk -v c="$cpu" 'BEGIN {print 53.95 / c}')"
