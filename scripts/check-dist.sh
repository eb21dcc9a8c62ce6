#!/usr/bin/env bash
# Runs a routesim binary where no Swift toolchain is visible (a private mount namespace with an
# empty tmpfs over the toolchain's directory), on a bundled example: proves the artifact needs no
# Swift runtime. Lists its shared libraries. Usage: scripts/check-dist.sh BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "$1")
TOOLCHAIN=$(dirname "$(dirname "$(realpath "$(command -v swift)")")")
echo "shared libraries: $(ldd "$BIN" | awk '{print $1}' | grep -v vdso | tr '\n' ' ')"
if ldd "$BIN" | grep -q "libswift\|libFoundation\|libdispatch"; then echo "links the Swift runtime dynamically" >&2; exit 1; fi
if ! unshare -r -m true 2>/dev/null; then
    echo "SKIPPED: no user namespaces here (unshare -r -m); only the shared libraries were checked"
    exit 0
fi
unshare -r -m sh -c "
    mount -t tmpfs none '$TOOLCHAIN' &&
    '$BIN' --version >/dev/null &&
    '$BIN' simulate topologies/null0-peering/topology.yml | grep -q 'DELIVERED' &&
    '$BIN' lint examples/null0-peering-configs --fail-on never --format json | grep -q '\"schemaVersion\" : 2'
" || { echo "the binary does not run without the Swift toolchain ($TOOLCHAIN hidden)" >&2; exit 1; }
echo "runs without the Swift toolchain ($TOOLCHAIN hidden): ok"
