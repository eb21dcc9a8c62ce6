import Pipeline
import Testing

/// The sweep's progress line: the count, then the time left at the pace so far.
struct ProgressTextTests {
    @Test func etaFollowsThePace() {
        #expect(ProgressText.line(done: 0, total: 10, elapsed: .seconds(2)) == "[0/10] scenarios")
        #expect(ProgressText.line(done: 5, total: 10, elapsed: .seconds(10)) == "[5/10] scenarios, about 10 s left")
        #expect(ProgressText.line(done: 1, total: 100, elapsed: .seconds(3)) == "[1/100] scenarios, about 4 min 57 s left")
        #expect(ProgressText.line(done: 1, total: 2000, elapsed: .seconds(10)) == "[1/2000] scenarios, about 5 h 33 min left")
        #expect(ProgressText.line(done: 10, total: 10, elapsed: .seconds(10)) == "[10/10] scenarios")
    }
}

/// Colour only on a terminal and without NO_COLOR; only the severity word of location lines.
struct TerminalColourTests {
    @Test func severitiesAreColouredOnlyWhenWanted() {
        #expect(TerminalColour.wanted(environment: [:], isTerminal: true))
        #expect(!TerminalColour.wanted(environment: ["NO_COLOR": "1"], isTerminal: true))
        #expect(TerminalColour.wanted(environment: ["NO_COLOR": ""], isTerminal: true))
        #expect(!TerminalColour.wanted(environment: ["TERM": "dumb"], isTerminal: true))
        #expect(!TerminalColour.wanted(environment: [:], isTerminal: false))
        let text = "r1.cfg:3:2: error: bad [X]\n    line: error: quoted\nsummary"
        #expect(TerminalColour.severities(text) == "r1.cfg:3:2: \u{1B}[1;31merror\u{1B}[0m: bad [X]\n    line: error: quoted\nsummary")
    }
}
