#!/usr/bin/env bash
# What the GitHub Action (action.yml) runs: install routesim from a release tarball (a URL or a
# local path, cached by the action), then run one routesim command. Runs as well on any machine:
#   ROUTESIM_TARBALL=dist/routesim-0.1.0-linux-x86_64.tar.gz scripts/action-run.sh lint configs/ --format sarif -o routesim.sarif
set -euo pipefail
: "${ROUTESIM_TARBALL:?set ROUTESIM_TARBALL to a release tarball URL or path}"
DEST=${ROUTESIM_HOME:-${RUNNER_TOOL_CACHE:-$HOME/.cache}/routesim}
if [ ! -x "$DEST/bin/routesim" ]; then
    mkdir -p "$DEST"
    case "$ROUTESIM_TARBALL" in
        http://*|https://*) curl -fsSL "$ROUTESIM_TARBALL" | tar -xz -C "$DEST" --strip-components=1 ;;
        *) tar -xzf "$ROUTESIM_TARBALL" -C "$DEST" --strip-components=1 ;;
    esac
fi
[ -n "${GITHUB_PATH:-}" ] && echo "$DEST/bin" >> "$GITHUB_PATH"
exec "$DEST/bin/routesim" "$@"
