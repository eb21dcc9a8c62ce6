/// routesim's version, stated once: the CLI's `--version` and the tool version in SARIF output.
public enum RouteSimVersion {
    public static let current = "0.1.0"
    /// The project's home, and where its documentation pages live (SARIF links to them).
    public static let homepage = "https://github.com/routesim/routesim"
    public static let documentationBase = homepage + "/blob/main/"
}
