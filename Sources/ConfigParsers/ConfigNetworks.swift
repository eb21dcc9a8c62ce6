import Foundation

/// Which configs form one network: the files of one directory, where a router kept in a folder
/// of its own (FRR daemon files, `frr.conf`, Kathara's `ROUTER/etc/frr/frr.conf`) belongs to the
/// network of the folder above it. `lint` checks each network on its own (links are inferred
/// from shared subnets, so two networks with the same addressing must never meet), and
/// `--configs` asks for one network.
public enum ConfigNetworks {
    /// The directory that names the network `file` belongs to.
    public static func network(of file: String) -> String {
        let parent = directory(of:)
        var directory = parent(file)
        guard DeviceConfig.isFRRRouterFile((file as NSString).lastPathComponent) else { return directory }
        // The router's own folder (past Kathara's `etc/frr`), then one level up to its network.
        if directory.hasSuffix("/etc/frr") || directory == "etc/frr" { directory = parent(parent(directory)) }
        return parent(directory)
    }

    /// The directory part of a path ("" for a bare name), as NSString's deletingLastPathComponent
    /// but safe: Foundation on Linux traps on one-character names without a slash (`lint -`,
    /// a config named `a`).
    public static func directory(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        var head = path[..<slash]
        while head.hasSuffix("/") { head = head.dropLast() }
        return head.isEmpty ? "/" : String(head)
    }

    /// Files grouped by network, each group in the given order; groups by first appearance.
    public static func group(_ files: [String]) -> [(network: String, files: [String])] {
        var order: [String] = []
        var members: [String: [String]] = [:]
        for file in files {
            let network = network(of: file)
            if members[network] == nil { order.append(network) }
            members[network, default: []].append(file)
        }
        return order.map { ($0, members[$0] ?? []) }
    }

    /// The files of each network grouped by router, as indices into `files`: FRR daemon files of
    /// one directory are one router (DeviceConfig.mergingSplitDaemonFiles), every other file is
    /// a router of its own. Networks and routers by first appearance.
    public static func routers(_ files: [String]) -> [(network: String, routers: [[Int]])] {
        var networks: [(network: String, routers: [[Int]])] = []
        var networkSlot: [String: Int] = [:]
        var daemonSlot: [String: (network: Int, router: Int)] = [:]
        for (index, file) in files.enumerated() {
            let network = network(of: file)
            let n = networkSlot[network] ?? networks.count
            if n == networks.count { networkSlot[network] = n; networks.append((network, [])) }
            guard DeviceConfig.frrDaemonFiles.contains((file as NSString).lastPathComponent) else {
                networks[n].routers.append([index])
                continue
            }
            let directory = directory(of: file)
            if let slot = daemonSlot[directory] {
                networks[slot.network].routers[slot.router].append(index)
            } else {
                daemonSlot[directory] = (n, networks[n].routers.count)
                networks[n].routers.append([index])
            }
        }
        return networks
    }

    /// File extensions that are never router configs (documentation, data, images, code): skipped
    /// and counted when a directory is walked, never linted.
    public static let nonConfigExtensions: Set<String> = [
        "md", "markdown", "rst", "yml", "yaml", "json", "toml", "xml", "html", "htm", "css", "js", "png", "jpg", "jpeg", "gif", "svg",
        "pdf", "py", "sh", "swift", "go", "rb", "pl", "zip", "gz", "tgz", "tar", "bz2", "xz", "j2", "jinja", "csv", "tsv", "log", "pcap",
    ]

    public static func isConfigCandidate(_ file: String) -> Bool {
        !nonConfigExtensions.contains((file as NSString).pathExtension.lowercased())
    }
}
