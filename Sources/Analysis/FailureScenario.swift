@_exported import Simulation

/// One combination of failed elements to evaluate.
public struct FailureScenario: Hashable, Sendable {
    public enum Kind: String, Sendable, Codable { case link, router, combination, set }

    public var name: String
    public var kind: Kind
    public var spec: FailureSpec

    public init(name: String, kind: Kind, spec: FailureSpec) {
        self.name = name
        self.kind = kind
        self.spec = spec
    }
}

/// Which scenarios to run. Pruning keeps only combinations that can differ from their parts:
/// a link next to a failed router is already down, so `router + adjacent link` (and any
/// combination containing one) is dropped; so are duplicates of named failure sets.
public struct ScenarioEnumeration: Sendable {
    public var maximumFailures: Int
    public var includeSets: Bool
    public var includeRouters: Bool
    /// Only the named failure sets (`--srlg`): no single, pair or triple element failures.
    public var onlySets: Bool

    public init(maximumFailures: Int = 1, includeSets: Bool = true, includeRouters: Bool = true, onlySets: Bool = false) {
        self.maximumFailures = maximumFailures
        self.includeSets = includeSets || onlySets
        self.includeRouters = includeRouters
        self.onlySets = onlySets
    }

    public struct Result: Sendable {
        public var scenarios: [FailureScenario]
        /// Combinations skipped because a router in them already takes the link down.
        public var pruned: Int
    }

    /// How many scenarios `scenarios(for:)` can produce at most (before pruning combinations that
    /// a failed router makes redundant), computed without enumerating them: a sweep states this
    /// before it starts, and refuses above its `--max-scenarios` bound.
    public func upperBound(for network: Network) -> Int {
        let elements = onlySets ? 0 : network.links.count + (includeRouters ? network.routers.count { $0.vrf == nil } : 0)
        func choose(_ n: Int, _ k: Int) -> Int {
            guard k <= n else { return 0 }
            var result = 1
            for i in 0..<k {
                let (product, overflow) = result.multipliedReportingOverflow(by: n - i)
                if overflow { return Int.max }
                result = product / (i + 1)
            }
            return result
        }
        var total = includeSets ? network.failureSets.count : 0
        for size in 1...max(1, min(maximumFailures, 3)) {
            let (sum, overflow) = total.addingReportingOverflow(choose(elements, size))
            total = overflow ? Int.max : sum
        }
        return total
    }

    public func scenarios(for network: Network) -> Result {
        enum Element: Hashable { case link(Int), router(Int) }
        var elements: [Element] = network.links.indices.map { .link($0) }
        // A VRF instance fails with its PE, never alone.
        if includeRouters { elements += network.routers.indices.filter { network.routers[$0].vrf == nil }.map { .router($0) } }
        func name(_ element: Element) -> String {
            switch element {
            case .link(let l): "link \(network.links[l].name)"
            case .router(let r): "router \(network.routers[r].name)"
            }
        }
        func redundant(_ combination: [Element]) -> Bool {
            let routers = Set(combination.compactMap { if case .router(let r) = $0 { r } else { nil } })
            return combination.contains { element in
                guard case .link(let l) = element else { return false }
                return routers.contains(network.links[l].a.router) || routers.contains(network.links[l].b.router)
            }
        }
        var result: [FailureScenario] = []
        var seen: Set<FailureSpec> = []
        var pruned = 0
        func add(_ combination: [Element], kind: FailureScenario.Kind) {
            var spec = FailureSpec()
            for element in combination {
                switch element {
                case .link(let l): spec.links.insert(l)
                case .router(let r): spec.routers.insert(r)
                }
            }
            guard seen.insert(spec).inserted else { return }
            result.append(FailureScenario(name: combination.map(name).joined(separator: " + "), kind: kind, spec: spec))
        }
        if onlySets { elements = [] }
        for element in elements {
            if case .link = element { add([element], kind: .link) } else { add([element], kind: .router) }
        }
        if maximumFailures >= 2 {
            for i in elements.indices {
                for j in (i + 1)..<elements.count {
                    let pair = [elements[i], elements[j]]
                    if redundant(pair) { pruned += 1; continue }
                    add(pair, kind: .combination)
                    if maximumFailures >= 3 {
                        for k in (j + 1)..<elements.count {
                            let triple = pair + [elements[k]]
                            if redundant(triple) { pruned += 1; continue }
                            add(triple, kind: .combination)
                        }
                    }
                }
            }
        }
        if includeSets {
            for set in network.failureSets {
                let (spec, _) = FailureSpec.resolve(links: set.links, routers: set.routers, in: network)
                guard seen.insert(spec).inserted else { continue }
                result.append(FailureScenario(name: "set \(set.name)", kind: .set, spec: spec))
            }
        }
        return Result(scenarios: result, pruned: pruned)
    }
}
