/// One thing a check found at a place in the input: a lint rule's finding, a failure sweep's black
/// hole, a change's new problem. Every report format (text aside) is written from these, once
/// (the Reporting module).
public struct Finding: Sendable, Codable {
    public var code: String
    public var severity: Severity
    public var message: String
    public var file: String
    public var line: Int
    public var column: Int
    /// The offending line as written.
    public var text: String?
    /// A cause chain, step by step, where the input says each (SARIF `codeFlows`).
    public var steps: [Step]? = nil

    public struct Step: Sendable, Codable {
        public var message: String
        public var location: SourceLocation?
        public init(message: String, location: SourceLocation?) {
            self.message = message
            self.location = location
        }
    }

    public init(code: String, severity: Severity, message: String, file: String, line: Int, column: Int, text: String?,
                steps: [Step]? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.text = text
        self.steps = steps
    }
}

/// What any check hands to the report writers: its findings, the inputs it read (one JUnit suite
/// and one Checkstyle file each; an unreadable one is an error), and the codes it can report.
public struct FindingReport: Sendable {
    /// `lint`, `failures`, `diff`: names the run in JUnit and SARIF.
    public var command: String
    public var findings: [Finding]
    public var inputs: [Input]
    public var rules: [Rule]

    public struct Input: Sendable {
        public var path: String
        /// Why it could not be read, if it could not.
        public var error: String?
        public init(path: String, error: String? = nil) {
            self.path = path
            self.error = error
        }
    }

    /// A code's description: SARIF's rules table.
    public struct Rule: Sendable {
        public var code: String
        public var name: String
        public var summary: String
        public var help: String
        public var helpMarkdown: String?
        public var severity: Severity
        /// Absolute URL of its page.
        public var helpURL: String
        public init(code: String, name: String, summary: String, help: String, helpMarkdown: String? = nil, severity: Severity, helpURL: String) {
            self.code = code
            self.name = name
            self.summary = summary
            self.help = help
            self.helpMarkdown = helpMarkdown
            self.severity = severity
            self.helpURL = helpURL
        }
    }

    public init(command: String, findings: [Finding], inputs: [Input], rules: [Rule]) {
        self.command = command
        self.findings = findings
        self.inputs = inputs
        self.rules = rules
    }
}
