/// Colours and line styles, in one table so the legend and the drawing cannot disagree.
enum DiagramStyle {
    static let font = "Helvetica"
    static let delivered = "#2f855a"
    static let rerouted = "#dd6b20"
    static let problem = "#c53030"
    static let isolated = "#718096"
    static let failed = "#e53e3e"
    static let ebgp = "#2b6cb0"
    static let ibgp = "#805ad5"
    /// VPN route exchange between VRF instances, and the VRF instances' fill.
    static let vpn = "#2f855a"
    static let vrfFill = "#fefcbf"
    static let link = "#4a5568"
    static let baselinePath = "#a0aec0"
    static let lsp = "#6b46c1"

    static func fill(for role: String) -> String {
        switch role {
        case "core": "#dbeafe"
        case "border": "#fde68a"
        case "peering": "#fbcfe8"
        case "route-reflector": "#c6f6d5"
        case "edge": "#e9d8fd"
        case "transit": "#e2e8f0"
        default: "#ffffff"
        }
    }
}
