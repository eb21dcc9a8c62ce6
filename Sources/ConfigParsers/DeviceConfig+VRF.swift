import NetPrimitives

extension DeviceConfig {
    /// The route targets VRF `name` imports and exports, as its router applies them: FRR only
    /// under `import vpn` / `export vpn`; Junos also those its `vrf-import` policies accept
    /// (`from community` of an accepting term) and its `vrf-export` policies attach (`then
    /// community add|set`), by the `target:` members of those communities (other matches in
    /// those terms are not evaluated: the VRF imports and exports by route target only). A VRF
    /// with route targets in its IPv6 family only takes those; with both, the IPv4 family's
    /// (the model has one set per VRF; the builder says where they differ).
    public func routeTargets(ofVRF name: String) -> (imports: [RouteTarget], exports: [RouteTarget]) {
        guard let definition = vrfs[name] else { return ([], []) }
        let ipv6Only = definition.importTargets.isEmpty && definition.exportTargets.isEmpty
        var imports = ipv6Only ? definition.ipv6ImportTargets : definition.importTargets
        var exports = ipv6Only ? definition.ipv6ExportTargets : definition.exportTargets
        if dialect == .junos {
            for policy in definition.importPolicies {
                for term in junosPolicies[policy] ?? [] where term.flow == .accept {
                    imports += term.communities.flatMap { junosTargetCommunities[$0] ?? [] }
                }
            }
            for policy in definition.exportPolicies {
                for term in junosPolicies[policy] ?? [] { exports += term.communityActions.flatMap { junosTargetCommunities[$0.name] ?? [] } }
            }
        }
        if dialect == .frr {
            if !definition.importsFromVPN { imports = [] }
            if !definition.exportsToVPN { exports = [] }
        }
        return (Array(Set(imports)).sorted(), Array(Set(exports)).sorted())
    }
}
