/// routesim's version, stated once: the CLI's `--version` and the tool version in SARIF output.
public enum RouteSimVersion {
    public static let current = "0.1.0"
}
