@_exported import Simulation
@_exported import TopologyLoader
@_exported import Analysis
@_exported import Rendering
@_exported import Lint
@_exported import Reporting
@_exported import ConfigParsers
import Foundation

/// Versioned, machine-readable output. Keys are sorted when encoded; bump `schemaVersion` on
/// any incompatible change (docs/json-output.md).
public enum ReportSchema { public static let version = 1 }

public struct SimulationReport: Codable, Sendable {
    public var schemaVersion = ReportSchema.version
    public var network: String
    public var failures: [String]
    public var converged: Bool
    /// What did not settle (absent when `converged`): oscillating prefixes with their routers,
    /// cycling aggregates/conditions, flapping tracks with the static routes they control.
    public var nonConvergence: [String]?
    public var diagnostics: [DiagnosticReport]
    public var routers: [RouterReport]
    public var sessions: [SessionReport]
    /// LDP link sessions, when any router runs MPLS (absent otherwise).
    public var ldpSessions: [LDPSession]? = nil
    /// RSVP-TE LSPs as signalled, when any router heads one (absent otherwise).
    public var lsps: [LSPState]? = nil
    public var flows: [FlowReport]
    /// With `--adj ROUTER`: per prefix, what that router receives from and sends to each neighbor.
    public var adjacencies: [AdjacencyReport]?
    /// With `--stable-states`: prefixes whose best paths depend on message order (several
    /// stable states), each with the routers that differ; empty when both orders agree.
    public var severalStableStates: [StableStateReport]?
}

public struct StableStateReport: Codable, Sendable {
    public var prefix: String
    public var routers: [String]
    public init(prefix: String, routers: [String]) { self.prefix = prefix; self.routers = routers }
}

public struct AdjacencyReport: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var neighbor: String
        public var address: String
        public var status: String
        public var asPath: String?
        public var nextHop: String?
        public var localPreference: UInt32?
        public var med: UInt32?
    }
    public var router: String
    public var prefix: String
    public var received: [Entry]
    public var advertised: [Entry]
}

public struct DiagnosticReport: Codable, Sendable {
    public var code: String
    public var severity: String
    public var message: String
    public var location: String?
    public var hint: String?
    init(_ diagnostic: Diagnostic) {
        code = diagnostic.code
        severity = diagnostic.severity.rawValue
        message = diagnostic.message
        location = diagnostic.location?.description
        hint = diagnostic.hint
    }
}

public struct RouterReport: Codable, Sendable {
    public var name: String
    public var asn: UInt32
    public var up: Bool
    public var routeCounts: [String: Int]
    public var bgpPathCount: Int
    public var bgp: [BGPPathReport]
    public var rib: [RouteReport]?
    public var tracks: [String: Bool]?
}

public struct BGPPathReport: Codable, Sendable {
    public var prefix: String
    public var asPath: String
    public var nextHop: String
    public var localPreference: UInt32
    /// Where the local preference was set: a policy (and where), the eBGP default, or the origination.
    public var localPreferenceSource: String?
    /// Absent when the path carries no MED (not the same as 0 under `missing-as-worst`).
    public var med: UInt32?
    public var origin: String
    public var weight: UInt32
    public var source: String
    public var from: String?
    public var decidedBy: String
    public var communities: [String]?
    /// Reflected paths: ORIGINATOR_ID (as its router's name when known) and CLUSTER_LIST.
    public var originatorID: String?
    public var clusterList: [String]?
    /// Learned paths: the IGP cost to the next hop at this router.
    public var igpCost: UInt32?
}

public struct RouteReport: Codable, Sendable {
    public var prefix: String
    public var protocolName: String
    public var distance: Int
    public var metric: UInt32
    public var forwarding: String
    public var origin: String
    public var location: String?

    enum CodingKeys: String, CodingKey { case prefix, protocolName = "protocol", distance, metric, forwarding, origin, location }
}

public struct SessionReport: Codable, Sendable {
    public var router: String
    public var peer: String?
    public var peerAddress: String
    public var localAddress: String?
    public var type: String
    public var established: Bool
    public var reason: String?
}

public struct FlowReport: Codable, Sendable {
    public var name: String
    public var from: String
    public var to: String
    public var disposition: String
    public var paths: [PathReport]
}

public struct PathReport: Codable, Sendable {
    public var nodes: [String]
    public var disposition: String
    public var at: String
    public var detail: String
    public var hops: [HopReport]
}

public struct HopReport: Codable, Sendable {
    public var node: String
    public var action: String
    public var outInterface: String?
    /// What the hop did to the label stack (`push`, `swap`, `pop`, `untagged`) and for which FEC.
    public var label: LabelReport? = nil
}

public struct LabelReport: Codable, Sendable {
    public var operation: String
    public var fec: String
    /// The RSVP-TE LSP (`HEAD/NAME`), for its operations.
    public var lsp: String?
    public var reason: String?
    init(_ operation: LabelOperation) {
        self.operation = operation.name
        fec = operation.fec.description
        lsp = operation.lsp
        if case .untagged(_, let why) = operation { reason = why }
    }
}

public struct TraceReport: Codable, Sendable {
    public var schemaVersion = ReportSchema.version
    public var network: String
    public var failures: [String]
    public var flow: FlowReport
    /// Absent when the control plane converged; otherwise what did not settle (the trace then
    /// shows one of the states it cycles through).
    public var nonConvergence: [String]?
    /// `fast-reroute`: the instant after the failure, before anything reconverged (absent: the
    /// converged state).
    public var instant: String?

    public init(network: String, failures: [String], flow: FlowReport, nonConvergence: [String]? = nil) {
        self.network = network
        self.failures = failures
        self.nonConvergence = nonConvergence
        self.flow = flow
    }
}

public enum JSONOutput {
    /// Sorted keys, two-space indentation, slashes unescaped (JSONTreeEncoder: the same bytes as
    /// Foundation's JSONEncoder with those options, several times faster).
    public static func encode(_ value: some Encodable) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// The same text as UTF-8 bytes, without a copy into a String (reports of tens of megabytes).
    public static func bytes(_ value: some Encodable) -> [UInt8] {
        guard var bytes = try? JSONTreeEncoder.encode(value) else { return Array("{}".utf8) }
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Foundation's encoding with the same options: the reference the tests compare with.
    static func foundationEncode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text + "\n"
    }
}
