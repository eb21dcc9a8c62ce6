import Diagnostics

extension FindingReport {
    /// One test suite per input and one test case per input and code (Jenkins xUnit / Ant JUnit
    /// shape: `tests`, `failures`, `errors`, `skipped`, `time` on every suite). A case fails only
    /// when one of its findings fails the run (`options.fails`: the command's `--fail-on`); its
    /// findings, each with `file:line:col`, are the failure's text or, when it passes, its
    /// `system-out`. An unreadable input is an `error` case. The input is the suite's `file`
    /// attribute: the current xUnit schema (junit-10.xsd) allows no `file`/`line` on a test case.
    public func junit(_ options: FindingWriterOptions) -> String {
        func xml(_ text: String) -> String { Markup.escape(text) }
        var byFile: [String: [Finding]] = [:]
        for finding in findings { byFile[finding.file, default: []].append(finding) }
        struct Suite { var name: String; var cases: [String]; var failures: Int; var errors: Int }
        var suites: [Suite] = []
        let classPrefix = "routesim.\(command)"
        // Findings in files the command did not list as inputs (a topology's routers) still get a suite.
        let listed = Set(inputs.map(\.path))
        let extra = byFile.keys.filter { !listed.contains($0) }.sorted().map { Input(path: $0) }
        for input in inputs + extra {
            var suite = Suite(name: input.path, cases: [], failures: 0, errors: 0)
            if let error = input.error {
                suite.errors += 1
                suite.cases.append("    <testcase classname=\"\(classPrefix).PARSE\" name=\"\(xml(input.path)): PARSE\" time=\"0\">\n"
                                   + "      <error type=\"PARSE\" message=\"\(xml(error))\"/>\n    </testcase>\n")
            }
            let mine = byFile[input.path] ?? []
            for code in Set(mine.map(\.code)).sorted() {
                let cases = mine.filter { $0.code == code }
                let lines = cases.map { "\($0.file):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message)" }.joined(separator: "\n")
                var text = "    <testcase classname=\"\(classPrefix).\(xml(code))\" name=\"\(xml(input.path)): \(xml(code))\" time=\"0\">\n"
                if cases.contains(where: options.fails) {
                    suite.failures += 1
                    let worst = cases.map(\.severity).max() ?? .error
                    let count = "\(cases.count) finding\(cases.count == 1 ? "" : "s")"
                    text += "      <failure type=\"\(xml(code))\" message=\"\(count), worst \(worst.rawValue): \(xml(cases[0].message))\">\(xml(lines))</failure>\n"
                } else {
                    text += "      <system-out>\(xml(lines))</system-out>\n"
                }
                suite.cases.append(text + "    </testcase>\n")
            }
            if suite.cases.isEmpty { suite.cases.append("    <testcase classname=\"\(classPrefix)\" name=\"\(xml(input.path))\" time=\"0\"/>\n") }
            suites.append(suite)
        }
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.failures }, errors = suites.reduce(0) { $0 + $1.errors }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"routesim \(xml(command))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"0\">\n"
        for (number, suite) in suites.enumerated() {
            out += "  <testsuite name=\"\(xml(suite.name))\" id=\"\(number)\" file=\"\(xml(suite.name))\" tests=\"\(suite.cases.count)\" "
            out += "failures=\"\(suite.failures)\" errors=\"\(suite.errors)\" skipped=\"0\" time=\"0\">\n"
            out += suite.cases.joined()
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }
}
