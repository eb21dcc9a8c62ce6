/// Statements of the Cisco-style dialects that routesim recognises and does not model. A line
/// whose first word (or first two words) is listed here counts as recognised-and-ignored;
/// anything else is reported as unrecognised. Lists grown from the corpus (../shared/corpus).
///
/// Ignored means no effect on the converged routing and forwarding state routesim computes
/// (management, logging, timers, authentication, protocols routesim does not run). Statements
/// whose routing meaning routesim drops are not ignored: they are listed in the `dropped`
/// tables with the reason, counted as unsupported and warned (CFG001) at their line.
enum CiscoKeywords {
    /// `router bgp` children whose meaning is dropped, by first word.
    static let bgpDropped: [String: String] = [
        "distance": "BGP administrative distance: routesim uses the dialect's defaults",
        "default-information": "`default-information originate` into BGP is not modelled",
        "default-metric": "`default-metric` (the MED of redistributed routes) is not modelled",
        "table-map": "`table-map` (which BGP routes reach the RIB) is not modelled",
        "distribute-list": "a distribute-list on the BGP process is not modelled",
        "dampening": "route-flap dampening is not modelled",
        "confederation": "BGP confederations are not modelled",
        "additional-paths": "BGP add-path is not modelled",
        "listen": "dynamic BGP neighbors (listen ranges) are not modelled",
        "local-preference": "a process-wide default local preference is not modelled (100)",
        "inject-map": "conditional route injection is not modelled",
    ]

    /// `router bgp` `bgp X` statements whose meaning is dropped, by X.
    static let bgpSubDropped: [String: String] = [
        "bestpath": "this best-path option is not modelled",
        "confederation": "BGP confederations are not modelled",
        "listen": "dynamic BGP neighbors (listen ranges) are not modelled",
        "cluster-id": "route-reflector cluster-id: routesim uses the router-id",
        "dampening": "route-flap dampening is not modelled",
        "additional-paths": "BGP add-path is not modelled",
        "suppress-inactive": "`bgp suppress-inactive` is not modelled",
    ]

    /// `neighbor X OPTION` options whose meaning is dropped.
    static let neighborDropped: [String: String] = [
        "remove-private-as": "remove-private-as is not modelled: private ASNs stay in the path",
        "unsuppress-map": "unsuppress-map is not modelled",
        "attribute-unchanged": "attribute-unchanged is not modelled",
        "next-hop-unchanged": "next-hop-unchanged is not modelled",
        "next-hop-peer": "next-hop-peer is not modelled",
        "as-path": "neighbor AS-path options are not modelled",
        "default-route": "a per-neighbor default route is not modelled",
        "route-map": "this route-map form is not modelled",
        "orf": "outbound route filtering (ORF) is not modelled",
        "soo": "site-of-origin is not modelled",
    ]

    /// IGP process children whose meaning is dropped, by first word.
    static let igpDropped: [String: String] = [
        "redistribute": "redistribution of these routes into the IGP is not modelled (only `redistribute static`)",
        "default-information": "`default-information originate` into the IGP is not modelled",
        "max-metric": "max-metric (stub router / overload on startup) is not modelled",
        "distance": "IGP administrative distance: routesim uses the dialect's defaults",
        "summary-address": "IGP summarisation is not modelled",
        "distribute-list": "IGP route filtering (distribute-list) is not modelled",
        "default-metric": "the default metric of redistributed routes is not modelled",
        "auto-cost": "the reference bandwidth is not modelled: interface costs are explicit or 10",
        "set-overload-bit": "the IS-IS overload bit is not modelled",
        "advertise": "IS-IS advertise options (passive-only, ...) are not modelled",
        "maximum-paths": "the IGP's ECMP limit is not modelled (every equal-cost path is used)",
        "discard-route": "OSPF summary discard routes are not modelled",
        "prefix-suppression": "OSPF prefix suppression is not modelled",
    ]

    /// OSPF `area A X` options whose meaning is dropped (routesim runs one flat area).
    static let areaDropped: Set<String> = ["range", "stub", "nssa", "virtual-link", "filter-list", "default-cost", "export-list", "import-list", "shortcut"]

    /// Interface `ip X` statements whose meaning is dropped.
    static let interfaceIPDropped: [String: String] = [
        "policy": "policy-based routing is not modelled",
        "access-group": "ACLs are not modelled: traffic is not filtered",
        "verify": "unicast RPF is not modelled: traffic is not filtered",
        "summary-address": "IGP summarisation is not modelled",
    ]

    /// Top-level statements without children worth reading.
    static let topLevel: Set<String> = [
        "version", "service", "boot-start-marker", "boot-end-marker", "boot", "enable", "aaa", "clock", "logging", "snmp-server", "snmp",
        "ntp", "username", "spanning-tree", "vlan", "vtp", "end", "license", "redundancy", "archive", "transceiver", "transport",
        "errdisable", "platform", "hardware", "system", "switchport", "queue-monitor", "terminal", "frr", "log", "agentx", "password",
        "debug", "access-list", "cdp", "lldp", "dns", "dns-domain", "ip", "ipv6", "memory", "multilink", "no", "vrf", "alias", "event",
        "tacacs-server", "radius-server", "tacacs", "radius", "exception", "call-home", "diagnostic", "login", "secure", "mac", "port-channel",
        "load-interval", "monitor", "sflow", "ptp", "daemon", "management", "router-id", "bfd", "key", "cable", "card", "controller",
        "call", "dial-peer", "voice", "telephony-service", "sccp", "stcapp", "username", "file", "upgrade", "macsec", "ethernet", "l2vpn",
        "pseudowire-class", "bridge", "hw-module", "power", "priority-flow-control", "qos", "policy-map", "class-map", "table-map",
        "route-tag", "zebra", "fpm", "line", "nexthop-group", "pbr-map", "table", "rpki", "vnc", "evpn", "mlag", "peer-filter",
        "dot1x", "tunnel", "privilege", "subscriber", "virtual-profile", "track", "object-group", "parameter-map", "zone", "zone-pair",
        "crypto", "scheduler", "kron", "process", "cts", "epm", "authentication", "device-tracking", "netconf-yang", "restconf",
        "template", "wsma", "cef", "hostname", "spanning", "ip-sla", "sla", "counters", "arp", "default", "prompt", "tap", "ipv4",
        "username", "role", "roles", "shell", "sysdb", "traffic-policies", "hardware-counter", "interface-range", "ip-routing",
        "vxlan", "install", "ztp", "environment", "link-tracking", "platform-tcam", "openflow", "maintenance", "end-of-config",
        "service-policy", "lacp", "port-security", "errdisable-recovery", "udld", "vlan-internal", "ipx", "appletalk", "decnet",
        "isdn", "chat-script", "modemcap", "x25", "frame-relay", "atm", "dialer", "dialer-list", "rtr", "mls", "wrr-queue", "rcv-queue",
        "fabric", "ip-address", "pki", "resource", "feature", "nv", "vpc", "copp", "userpassphrase", "attach", "switch", "stack",
        "stack-mac", "stack-power", "mpls-tp", "multicast", "rmon", "gateway", "gatekeeper", "sip-ua", "ephone", "ephone-dn",
        "telephony", "flow", "performance", "vlan-group", "ethernet-services", "cfm", "power-supply", "macro", "srr-queue",
        "auto", "energywise", "location", "nat", "dhcp", "vstack", "authorization", "accounting", "radius-server", "ipsla",
        "pim", "igmp", "mld", "msdp", "rip", "eigrp", "lisp", "nhrp", "ospf", "ospfv3", "isis", "bgp", "static", "interface",
        "segment-routing", "srv6", "sr", "pce", "affinity-map", "tcam", "queue", "cos", "dscp", "policer", "statistics",
    ]

    /// Top-level statements whose indented children are all recognised-and-ignored.
    static let blocks: Set<String> = [
        "line", "crypto", "class-map", "policy-map", "control-plane", "vrf", "vrf definition", "ip vrf", "ip access-list", "ipv6 access-list",
        "mac access-list", "key", "management", "redundancy", "archive", "aaa", "spanning-tree", "vlan", "monitor", "event", "daemon",
        "router-id", "radius", "tacacs", "object-group", "parameter-map", "zone", "zone-pair", "l2vpn", "bridge-domain", "pseudowire-class",
        "evpn", "mlag", "peer-filter", "queue-monitor", "hardware", "system", "transceiver", "username", "dot1x", "policy-map", "table-map",
        "telephony-service", "voice", "dial-peer", "sccp", "stcapp", "call-home", "template", "netconf-yang", "mpls", "pbr-map", "nexthop-group",
        "rpki", "vnc", "bfd", "ptp", "sflow", "ip sla", "ipv6 router", "router", "segment-routing", "sla", "traffic-policies", "platform",
        "tap", "lldp", "ethernet", "cfm", "flow", "performance", "kron", "scheduler", "process", "cts", "device-tracking", "ip dhcp", "ipv6 dhcp",
        "crypto pki", "license", "errdisable", "hw-module", "interface-range", "vlan-group", "mac", "qos", "priority-flow-control", "route-tag",
    ]

    /// `router X` processes routesim does not model.
    static let otherRouters: Set<String> = ["rip", "ripng", "eigrp", "lisp", "pim", "igmp", "msdp", "odr", "mobile", "babel", "openfabric",
                                            "ospf6", "ospfv3", "vrrp", "general", "traffic-engineering", "l2vpn", "bfd", "pim6", "multicast",
                                            "isis-segment-routing", "static", "nhrp", "vnc", "pcep"]

    static let interfaceChildren: Set<String> = [
        "description", "ip", "ipv6", "mtu", "speed", "duplex", "switchport", "channel-group", "encapsulation", "load-interval",
        "negotiation", "bandwidth", "delay", "cdp", "lldp", "spanning-tree", "storm-control", "service-policy", "standby", "vrrp",
        "bfd", "isis", "mpls", "vrf", "media-type", "keepalive", "tunnel", "arp", "mac", "mac-address", "flowcontrol", "ptp",
        "link-detect", "pim", "igmp", "ospf", "evpn", "vxlan", "peer", "logging", "snmp", "shutdown", "no", "carrier-delay",
        "hold-queue", "dampening", "tx-ring-limit", "clock", "dialer", "ppp", "fair-queue", "random-detect", "priority-queue",
        "auto", "power", "authentication", "dot1x", "mab", "mls", "srr-queue", "queue-set", "qos", "macro", "port-security",
        "ethernet", "cfm", "service", "source", "member", "l2protocol-tunnel", "udld", "errdisable", "vlan", "hsrp", "glbp",
        "frame-relay", "x25", "atm", "pvc", "crypto", "zone-member", "nat", "traffic-shape", "rate-limit", "custom-queue-list",
        "ntp", "ipx", "appletalk", "decnet", "serial", "physical-layer", "framing", "linecode", "cablelength", "invert", "dsu",
        "channel-protocol", "lacp", "port-channel", "mlag", "vlan-id", "multicast", "sflow", "tx-queue", "traffic-policy",
        "error-correction", "phy", "transceiver", "unidirectional", "shape", "priority-flow-control", "dcbx", "counter",
        "bgp", "router", "openflow", "pseudowire", "xconnect", "bridge-group", "encapsulation", "rewrite", "l2transport",
        "mpls-te", "rsvp", "fabric", "ipv4", "ip-address", "nve", "member-vni", "host-reachability", "virtual-router",
        "mac-learning", "load-balance", "evc", "ethernet-segment", "route-target", "designated-forwarder", "multihoming",
        "redundancy", "switchback", "backup", "nameif", "security-level", "management-only", "ipv6-nd", "shutdown-timeout",
        "snmp-trap", "platform", "hardware", "buffer", "tcp", "small-frame", "eapol", "template", "exit-if", "protocol",
        "neighbor", "service-instance", "autostate", "eee", "fec", "speed-auto", "vlan-range", "network-policy", "trust",
        "vmtracer", "sample", "qinq", "isis-metric", "link-state", "multipoint", "priority", "tag", "pvid", "wred", "policy",
    ]

    static let bgpChildren: Set<String> = [
        "bgp", "address-family", "exit-address-family", "maximum-paths", "timers", "distance", "synchronization", "auto-summary",
        "no", "vrf", "rd", "route-target", "default-information", "default-metric", "table-map", "neighbor", "vni", "vlan",
        "vlan-aware-bundle", "graceful-restart", "graceful-restart-helper", "bfd", "ucmp", "update", "rib", "segment-routing",
        "import", "export", "label", "sid", "rt", "auto-rt", "advertise", "advertise-all-vni", "advertise-default-gw", "advertise-svi-ip",
        "flowspec", "dampening", "coalesce-time", "read-quanta", "write-quanta", "allocate-label", "router-id", "local-preference",
        "route-distinguisher", "redistribute", "network", "aggregate-address", "default", "description", "shutdown", "listen",
        "monitoring", "dynamic-med", "next-hop-unchanged", "additional-paths", "bgp-policy", "nexthop", "vpnv4", "ipv4", "ipv6", "evpn",
        "l2vpn", "exit", "flapping", "template", "agg", "inject-map", "suppress-fib-pending", "no-rib", "member", "peer-group",
        "as-path", "distribute-list", "host-routes", "interface", "autodiscovery", "retain", "route-reflector", "cluster-id",
        "confederation", "match", "set", "statistics-timer", "dynamic", "enforce-first-as", "route-map", "rpki", "srv6",
    ]

    static let neighborOptions: Set<String> = [
        "activate", "description", "ebgp-multihop", "send-community", "password", "timers", "shutdown", "soft-reconfiguration",
        "allowas-in", "remove-private-as", "bfd", "capability", "local-as", "weight", "default-originate", "version", "fall-over",
        "update-delay", "as-override", "send-label", "unsuppress-map", "transport", "ttl-security", "dont-capability-negotiate",
        "override-capability", "strict-capability-match", "solo", "enforce-multihop", "disable-connected-check", "ha-mode",
        "inherit", "translate-update", "advertisement-interval", "attribute-unchanged", "addpath-tx-all-paths", "addpath-tx-bestpath-per-AS",
        "addpath-rx-paths-limit", "passive", "port", "graceful-restart", "graceful-restart-helper", "graceful-restart-disable",
        "sender-as-path-loop-detection", "local-role", "path-attribute", "extended-optional-parameters", "aigp", "enforce-first-as",
        "next-hop-unchanged", "next-hop-peer", "additional-paths", "route-target", "maximum-paths", "encapsulation", "rib-in",
        "link-bandwidth", "dynamic-capability", "oad", "soo", "orf", "send-community-all", "role", "cluster-id", "idle-restart-timer",
        "out-delay", "missing-policy", "next-hop-v6-addr", "route-to-peer", "bgp-policy", "slow-peer", "default-route", "import",
        "export", "peer-tag", "ebgp-multihop-ttl", "as-path", "interface", "dont-capability-negotiate", "shutdown-message", "local-v6-addr",
    ]

    static let igpChildren: Set<String> = [
        "network", "passive-interface", "tunnel", "interface", "redistribute", "area", "router-id", "log-adjacency-changes", "auto-cost", "default-information",
        "max-metric", "timers", "distance", "ospf", "net", "is-type", "metric-style", "log-adjacency", "maximum-paths", "bfd", "no",
        "mpls", "segment-routing", "fast-reroute", "microloop", "spf-interval", "lsp-gen-interval", "lsp-refresh-interval", "max-lsp-lifetime",
        "address-family", "exit-address-family", "capability", "compatible", "default-metric", "distribute-list", "summary-address",
        "neighbor", "nsf", "graceful-restart", "ispf", "authentication", "authentication-key", "domain-password", "area-password",
        "set-overload-bit", "advertise", "hostname", "lsp-mtu", "purge-originator", "topology", "mpls-te", "ignore", "prefix-suppression",
        "shutdown", "interface-id", "refresh", "abr-type", "opaque", "write-multiplier", "pce", "vrf", "distribute-list", "max-lsa",
        "adjacency", "flood-reduction", "queue-depth", "lsa", "discard-route", "table-map", "eigrp", "variance", "metric", "offset-list",
        "version", "validate-update-source", "traffic-share", "default", "bandwidth-percent", "stub", "ucmp", "passive", "description",
        "log", "instance", "level", "vrf-lite", "domain-id", "capability-vrf-lite", "router", "lsp-password", "spf", "prc-interval", "set-attached-bit",
        "is-hostname", "lsp-timers",
    ]

    static let slaChildren: Set<String> = ["frequency", "timeout", "threshold", "tag", "owner", "history", "request-data-size", "tos",
                                           "vrf", "verify-data", "type", "udp-jitter", "data-pattern", "samples-of-history-kept", "exit"]

    static let trackChildren: Set<String> = ["delay", "default-state", "object", "threshold", "boolean", "weight", "exit", "carrier-delay"]
}
