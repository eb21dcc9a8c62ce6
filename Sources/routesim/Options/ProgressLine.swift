import Foundation
import Pipeline

/// `[done/total] scenarios, ETA 12 s` on stderr, only on a terminal and only after the first
/// second. Workers report out of order: the line only moves forward, at most ten times a second.
final class ProgressLine: @unchecked Sendable {
    // Updated from worker threads; the lock keeps the line whole and the count monotonic.
    private let lock = NSLock()
    private let started = ContinuousClock.now
    private let enabled = isatty(2) == 1
    private var shown = false
    private var highest = 0
    private var lastDrawn: ContinuousClock.Instant?

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - started > .seconds(1) else { return }
        lock.lock()
        defer { lock.unlock() }
        guard done > highest else { return }
        highest = done
        if let lastDrawn, now - lastDrawn < .milliseconds(100), done < total { return }
        lastDrawn = now
        shown = true
        FileHandle.standardError.write(Data(("\r" + ProgressText.line(done: done, total: total, elapsed: now - started) + "\u{1B}[K").utf8))
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
