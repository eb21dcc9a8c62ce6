#!/usr/bin/env bash
# Renders a netlab topology for one device type offline and joins each router's snippets into
# one config file, as the fixtures under Tests/AnalysisTests/Fixtures/netlab/ are made.
#   scripts/netlab-fixture.sh TOPOLOGY.yml DEVICE OUT-DIR    (DEVICE: iosv, eos, vptx, frr, ...)
# Needs `pip install networklab` (no VMs or containers: only `netlab create` and `netlab initial -o`).
# NETLAB_PROVIDER picks the provider whose images name the devices (libvirt; clab for crpd).
# The topology's `defaults.device` is replaced by DEVICE. Snippets are joined in the order
# netlab applies them (initial, normalize, then modules), a newline after each. For FRR the
# `initial` snippet is a shell script; only the vtysh heredoc inside it is kept.
set -euo pipefail
topology=$1 device=$2 out=$3
command -v netlab >/dev/null || { echo "netlab-fixture: netlab not found (pip install networklab)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s/^defaults.device: .*/defaults.device: $device/" "$topology" > "$work/topology.yml"
(cd "$work" && netlab create -p "${NETLAB_PROVIDER:-libvirt}" >netlab.log 2>&1 && netlab initial -o >>netlab.log 2>&1) || { cat "$work/netlab.log" >&2; exit 1; }
mkdir -p "$out"
cp "$topology" "$out/netlab-topology.yml"
# A snippet is rN.MODULE.cfg, or .sh for some devices (cRPD writes Junos text under that name).
snippet() { for ext in cfg sh; do [ -f "$work/config/$1.$2.$ext" ] && { echo "$work/config/$1.$2.$ext"; return; }; done; return 0; }
for initial in "$work"/config/*.initial.cfg "$work"/config/*.initial.sh; do
  [ -f "$initial" ] || continue
  router=$(basename "$initial"); router=${router%%.initial.*}
  {
    normalize=$(snippet "$router" normalize)
    if [ -n "$normalize" ]; then cat "$normalize"; echo; fi
    if head -1 "$initial" | grep -q '^#!/bin/bash'; then
      sed -n '/^cat >\/tmp\/config <<CONFIG$/,/^CONFIG$/p' "$initial" | sed '1d;$d'
    else
      cat "$initial"; echo
    fi
    # The modules netlab configures, in its order (vrf after bgp: it adds to `router bgp`), then any others.
    others=$(ls "$work/config" | sed -n "s/^$router\.\([^.]*\)\.\(cfg\|sh\)\$/\1/p" | grep -vxE 'initial|normalize|hosts|netlab-config|daemons|ospf|isis|routing|bgp|vrf' | sort || true)
    for module in ospf isis routing bgp vrf $others; do
      file=$(snippet "$router" "$module")
      [ -n "$file" ] || continue
      # FRR module scripts (mpls: kernel modules and sysctls) carry their config in a vtysh heredoc
      # (/tmp/config, /tmp/vrf_config, ...). The vrf script moves interfaces into a VRF with
      # `ip link set IF master VRF`: FRR's running config shows that as `interface IF vrf VRF`.
      if head -1 "$file" | grep -q '^#!/bin/bash'; then
        sed -n 's/^ip link set \([^ ]*\) master \([^ ]*\)$/interface \1 vrf \2\nexit/p' "$file"
        sed -n '/^cat >\/tmp\/[a-z_]*config <<CONFIG$/,/^CONFIG$/p' "$file" | sed '/^cat >/d;/^CONFIG$/d'
      else
        cat "$file"
      fi
      echo
    done
  } > "$out/$router.cfg"
done
echo "netlab-fixture: $(ls "$work"/config/ | grep -c '\.initial\.') routers written to $out"
