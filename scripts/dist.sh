#!/usr/bin/env bash
# A routesim that runs on a plain Debian/Ubuntu machine without Swift: the Swift runtime and
# Foundation linked statically (--static-swift-stdlib), built without the Graphviz trait so that
# it needs only glibc, libstdc++ and libgcc (diagrams go through the `dot` program when it is
# installed, else DOT text is written next to the requested file). Writes
# dist/routesim-VERSION-linux-ARCH.tar.gz with bin/, man page and shell completions, then checks
# the binary in a mount namespace where the Swift toolchain is hidden.
# Usage: scripts/dist.sh            (SWIFT=... to choose the toolchain)
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SCRATCH=.build/dist
"$SWIFT" build -c release --static-swift-stdlib --disable-default-traits --scratch-path "$SCRATCH"
BIN="$SCRATCH/release/routesim"
VERSION=$("$BIN" --version)
ARCH=$(uname -m)
NAME="routesim-$VERSION-linux-$ARCH"
STAGE="dist/$NAME"
rm -rf "$STAGE" && mkdir -p "$STAGE/bin" "$STAGE/share/man/man1" "$STAGE/share/bash-completion/completions" \
    "$STAGE/share/zsh/site-functions" "$STAGE/share/fish/vendor_completions.d"
install -m 0755 "$BIN" "$STAGE/bin/routesim"
strip "$STAGE/bin/routesim" 2>/dev/null || true
"$BIN" --generate-completion-script bash > "$STAGE/share/bash-completion/completions/routesim"
"$BIN" --generate-completion-script zsh > "$STAGE/share/zsh/site-functions/_routesim"
"$BIN" --generate-completion-script fish > "$STAGE/share/fish/vendor_completions.d/routesim.fish"
# The man page, from the same help texts (swift-argument-parser's generate-manual plugin).
"$SWIFT" package --allow-writing-to-directory "$STAGE/share/man/man1" generate-manual --multi-page \
    --output-directory "$STAGE/share/man/man1" >/dev/null
cp README.md LICENSE* "$STAGE/" 2>/dev/null || true
tar -C dist -czf "dist/$NAME.tar.gz" "$NAME"
scripts/check-dist.sh "$STAGE/bin/routesim"
echo "dist/$NAME.tar.gz"
