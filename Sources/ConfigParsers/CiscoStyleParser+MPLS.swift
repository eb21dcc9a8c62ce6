import NetworkModel

/// MPLS and LDP statements of IOS, EOS and FRR (docs/mpls.md): what turns LDP on and where.
/// Anything else under `mpls` is unsupported with its reason, never counted as modelled.
extension CiscoStyleParser {
    static let mplsNotModelled = "MPLS statement not modelled yet (docs/mpls.md)"

    /// A top-level `mpls ...` line.
    func mplsLine(_ w: [Substring], location: SourceLocation, state: inout State) -> Outcome {
        let rest = w.dropFirst().map(String.init)
        switch rest.first {
        case "ldp" where rest.count == 1:
            // FRR and EOS: the LDP block. EOS keeps LDP shut down until `no shutdown`.
            if state.device.ldp == nil { state.device.ldp = LDPFacts(location: location, shutdown: dialect == .eos) }
            state.context = .mplsLDP
            return .modelled
        case "ip" where rest.count == 1:
            // EOS: MPLS routing on. IOS: on by default (`mpls ip` on each interface enables LDP there).
            state.device.mplsRouting = true
            return .modelled
        case "label" where rest == ["label", "protocol", "ldp"]:
            return .modelled   // IOS' default label protocol
        case "ldp" where rest.count >= 3 && rest[1] == "router-id":
            // IOS `mpls ldp router-id Loopback0 [force]`: the LDP router ID, hence transport address.
            if state.device.ldp == nil { state.device.ldp = LDPFacts(location: location) }
            state.device.ldp?.transportInterface = rest[2]
            return .modelled
        case "ldp" where rest == ["ldp", "explicit-null"]:
            // IOS: advertise label 0 instead of implicit null for the router's own prefixes.
            if state.device.ldp == nil { state.device.ldp = LDPFacts(location: location) }
            state.device.ldp?.explicitNull = true
            return .modelled
        case "ldp" where rest.count >= 4 && rest[1] == "neighbor" && rest[3] == "targeted" && (rest.count == 4 || rest.count == 5 && rest[4] == "ldp"):
            // IOS `mpls ldp neighbor A targeted [ldp]`: a targeted session to A.
            guard let address = IPAddress(rest[2]) else { return .unrecognized }
            if state.device.ldp == nil { state.device.ldp = LDPFacts(location: location) }
            state.device.ldp?.targetedNeighbors.append(address)
            return .modelled
        case "ldp" where rest.count >= 4 && Array(rest[1...3]) == ["discovery", "targeted-hello", "accept"]:
            if state.device.ldp == nil { state.device.ldp = LDPFacts(location: location) }
            state.device.ldp?.acceptsTargetedHellos = true
            return rest.count == 4 ? .modelled : .unsupported("the access list of `targeted-hello accept from` is not evaluated: hellos are accepted from every router")
        case "ldp" where rest == ["ldp", "label"]:
            // IOS `mpls ldp label` opens the local label allocation filter block.
            if state.device.ldp == nil { state.device.ldp = LDPFacts(location: location) }
            state.context = .mplsLDP
            return .modelled
        case "traffic-eng" where rest == ["traffic-eng", "auto-tunnel", "backup"]:
            state.device.teAutoTunnelBackup = true   // dynamic bypasses around every TE interface
            return .modelled
        case "traffic-eng" where rest == ["traffic-eng", "tunnels"]:
            return .modelled   // TE on; the interfaces that carry it say `mpls traffic-eng tunnels` too
        case "ldp" where rest.count >= 2 && rest[1] == "logging", "icmp":
            return .ignored   // logging and ICMP generation change no forwarding
        default:
            state.context = .unmodelledBlock(Self.mplsNotModelled)
            return .unsupported(Self.mplsNotModelled)
        }
    }

    /// A line inside FRR's or EOS' `mpls ldp` block.
    func ldpBlockLine(_ w: [Substring], location: SourceLocation, state: inout State) -> Outcome {
        let words = w.map(String.init)
        switch words.first {
        case "router-id" where words.count == 3 && words[1] == "interface", "transport-address" where words.count == 3 && words[1] == "interface":
            state.device.ldp?.transportInterface = words[2]
            return .modelled
        case "router-id" where words.count == 2:
            guard let address = IPAddress(words[1]) else { return .unrecognized }
            if state.device.ldp?.transportAddress == nil { state.device.ldp?.transportAddress = address }
            return .modelled
        case "discovery" where words.count == 3 && words[1] == "transport-address":
            guard let address = IPAddress(words[2]) else { return .unsupported("LDP over IPv6 is not modelled (MPLS is IPv4 in routesim)") }
            state.device.ldp?.transportAddress = address
            return .modelled
        case "address-family" where words == ["address-family", "ipv4"]:
            return .modelled
        case "label" where words == ["label", "local", "advertise", "explicit-null"], "label" where words == ["label", "local-termination", "explicit-null"]:
            // FRR (under address-family ipv4) and EOS: label 0 for the router's own prefixes.
            state.device.ldp?.explicitNull = true
            return .modelled
        case "label" where words == ["label", "local", "allocate", "host-routes"], "allocate" where words == ["allocate", "global", "host-routes"]:
            // FRR, and IOS' `mpls ldp label` block: local labels for /32 routes only.
            state.device.ldp?.allocation = .hostRoutes
            return .modelled
        case "allocate" where words == ["allocate", "global"]:
            state.device.ldp?.allocation = .allRoutes   // IOS: the filter reset to every route
            return .modelled
        case "neighbor" where words.count == 3 && words[2] == "targeted":
            // FRR (under address-family ipv4) and EOS: a targeted session to the address.
            guard let address = IPAddress(words[1]) else { return .unrecognized }
            state.device.ldp?.targetedNeighbors.append(address)
            return .modelled
        case "discovery" where words.count >= 3 && Array(words[1...2]) == ["targeted-hello", "accept"]:
            state.device.ldp?.acceptsTargetedHellos = true
            return words.count == 3 ? .modelled : .unsupported("the access list of `targeted-hello accept from` is not evaluated: hellos are accepted from every router")
        case "label" where words == ["label", "local", "allocate", "all-routes"]:
            state.device.ldp?.allocation = .allRoutes
            return .modelled
        case "address-family":
            return .unsupported("LDP for \(words.dropFirst().joined(separator: " ")) is not modelled (MPLS is IPv4 in routesim)")
        case "dual-stack":
            return .ignored   // which family carries the session when both could: IPv4 is the only one modelled
        case "interface" where words == ["interface", "disabled", "default"]:
            state.device.ldp?.interfacesOptIn = true
            return .modelled
        case "interface" where words.count == 2:
            if state.device.ldp?.interfaces[words[1]] == nil { state.device.ldp?.interfaces[words[1]] = location }
            return .modelled
        case "shutdown" where words.count == 1:
            state.device.ldp?.shutdown = true
            return .modelled
        case "no" where words == ["no", "shutdown"]:
            state.device.ldp?.shutdown = false
            return .modelled
        case "exit":
            return .ignored
        default:
            return .unsupported("LDP option not modelled yet (docs/mpls.md)")
        }
    }

    /// `0x1F` or `31` as 32 affinity bits.
    static func hexFlags(_ text: String) -> UInt32? {
        text.lowercased().hasPrefix("0x") ? UInt32(text.dropFirst(2), radix: 16) : UInt32(text)
    }

    /// Cisco affinity bits as administrative group names, `bit0` to `bit31` (docs/mpls.md).
    static func affinityGroups(_ flags: UInt32) -> Set<String> { Set((0..<32).filter { flags & (1 << UInt32($0)) != 0 }.map { "bit\($0)" }) }

    /// An `ip explicit-path` entry: `[index N] next-address [loose|strict] A`.
    func explicitPathLine(_ w: [Substring], name: String, location: SourceLocation, state: inout State) -> Outcome {
        var words = w.map(String.init)
        if words.first == "index", words.count >= 3 { words.removeFirst(2) }
        guard words.first == "next-address", words.count >= 2 else {
            return .unsupported("explicit-path entry not modelled (only next-address is; docs/mpls.md)")
        }
        let loose = words.contains("loose")
        guard let address = words.last.flatMap({ IPAddress($0) }) else { return .unrecognized }
        state.device.explicitPaths[name, default: []].append(ExplicitHopFacts(address: address, loose: loose, location: location))
        return .modelled
    }

    /// An interface's `tunnel ...` line: RSVP-TE tunnels (`tunnel mode mpls traffic-eng`) are
    /// LSPs; other tunnels (GRE, IPsec) are not modelled.
    func tunnelLine(_ w: [Substring], location: SourceLocation, index: Int, state: inout State) -> Outcome {
        let words = w.map(String.init)
        let name = state.device.interfaces[index].name
        var tunnel = state.device.interfaces[index].tunnel ?? TETunnelFacts(name: name, location: location, routesTraffic: false, isTE: false)
        defer { state.device.interfaces[index].tunnel = tunnel }
        switch words.dropFirst().first {
        case "mode":
            tunnel.isTE = words == ["tunnel", "mode", "mpls", "traffic-eng"]
            if tunnel.isTE { tunnel.location = location }
            return tunnel.isTE ? .modelled : .unsupported("tunnel mode \(words.dropFirst(2).joined(separator: " ")) is not modelled (routesim models MPLS TE tunnels)")
        case "destination" where words.count == 3:
            guard let address = IPAddress(words[2]) else { return .unrecognized }
            tunnel.destination = address
            return .modelled
        case "mpls" where words.count >= 4 && words[2] == "traffic-eng":
            let rest = Array(words.dropFirst(3))
            switch rest[0] {
            case "autoroute" where rest.count >= 2 && rest[1] == "announce":
                tunnel.routesTraffic = true
                return .modelled
            case "bandwidth" where rest.count == 2:
                guard let kbps = UInt64(rest[1]) else { return .unrecognized }
                tunnel.bandwidth = kbps * 1000
                return .modelled
            case "priority" where rest.count == 3:
                guard let setup = UInt8(rest[1]), let hold = UInt8(rest[2]), setup <= 7, hold <= 7 else { return .unrecognized }
                (tunnel.setupPriority, tunnel.holdPriority) = (setup, hold)
                return .modelled
            case "fast-reroute":
                // RFC 4090 facility backup; the bypasses come from the points of local repair.
                tunnel.linkProtection = true
                if rest.count == 1 { return .modelled }
                return .unsupported("fast-reroute \(rest.dropFirst().joined(separator: " ")) is not modelled: the LSP is modelled with link protection (docs/mpls.md)")
            case "affinity" where rest.count == 2 || rest.count == 4 && rest[2] == "mask":
                // Cisco: a link qualifies when (attribute-flags AND mask) == (affinity AND mask);
                // the mask defaults to 0x0000FFFF.
                guard let affinity = Self.hexFlags(rest[1]), let mask = rest.count == 4 ? Self.hexFlags(rest[3]) : 0xFFFF else {
                    return .unsupported("named affinities are not modelled (routesim reads affinity bits and masks)")
                }
                tunnel.affinity = (affinity, mask)
                return .modelled
            case "affinity":
                return .unsupported("named affinities are not modelled (routesim reads affinity bits and masks)")
            case "path-option" where rest.count >= 3:
                guard let number = Int(rest[1]) else { return .unrecognized }
                if rest[2] == "dynamic" {
                    tunnel.pathOptions.append((number, nil, location))
                    return rest.count == 3 ? .modelled : .unsupported("path-option \(rest.dropFirst(3).joined(separator: " ")) is not modelled: routesim computes the dynamic path by CSPF")
                }
                if rest[2] == "explicit", rest.count >= 5, rest[3] == "name" {
                    tunnel.pathOptions.append((number, rest[4], location))
                    return rest.count == 5 ? .modelled : .unsupported("path-option options after the path name are not modelled")
                }
                return .unsupported("path-option \(rest.dropFirst(2).joined(separator: " ")) is not modelled")
            default:
                return .unsupported("tunnel mpls traffic-eng \(rest.joined(separator: " ")) is not modelled (docs/mpls.md)")
            }
        case "source":
            return .ignored   // the LSP starts at its head-end router whatever the source interface
        default:
            return .unsupported("tunnel statement not modelled (docs/mpls.md)")
        }
    }

    /// An interface's `mpls ...` line.
    func interfaceMPLSLine(_ w: [Substring], location: SourceLocation, index: Int, state: inout State) -> Outcome {
        let words = w.map(String.init)
        if words == ["mpls", "traffic-eng", "tunnels"] {
            state.device.interfaces[index].teTunnels = true
            return .modelled
        }
        if words == ["mpls", "ip"] {
            state.device.interfaces[index].mplsIP = true
            return .modelled
        }
        if words.count == 4 && words[1] == "traffic-eng" && words[2] == "attribute-flags" {
            guard let flags = Self.hexFlags(words[3]) else { return .unrecognized }
            state.device.interfaces[index].teAttributeFlags = flags
            return .modelled
        }
        if words.count == 4 && words[1] == "traffic-eng" && words[2] == "backup-path" {
            state.device.interfaces[index].teBackupPath = (words[3], location)
            return .modelled
        }
        if words == ["mpls", "ldp", "interface"] {
            state.device.interfaces[index].ldpInterface = true
            return .modelled
        }
        if words == ["mpls", "ldp", "igp", "sync"] {
            state.device.interfaces[index].ldpIGPSync = true
            return .modelled
        }
        if words.count >= 4 && words[1] == "ldp" && words[2] == "igp" && words[3] == "sync" {
            return .unsupported("LDP-IGP synchronisation timers are not modelled (synchronisation itself is)")
        }
        return .unsupported("interface MPLS statement not modelled yet (docs/mpls.md)")
    }

    /// An interface's `no mpls ...` line: `no mpls ldp igp sync` turns synchronisation off there.
    func interfaceNoMPLSLine(_ w: [Substring], index: Int, state: inout State) -> Outcome {
        if w.map(String.init) == ["no", "mpls", "ldp", "igp", "sync"] {
            state.device.interfaces[index].ldpIGPSync = false
            return .modelled
        }
        if w.map(String.init) == ["no", "mpls", "ip"] {
            state.device.interfaces[index].mplsIP = false
            return .modelled
        }
        return .unsupported("interface MPLS statement not modelled yet (docs/mpls.md)")
    }
}
