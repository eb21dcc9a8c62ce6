/// Cisco AS-path regular expressions: `_` matches a delimiter (start, end, space, comma, braces, parentheses).
public enum ASPathRegex {
    public static func translate(_ pattern: String) -> String {
        pattern.split(separator: "_", omittingEmptySubsequences: false).joined(separator: "(?:^|$|[ ,{}()])")
    }
}
