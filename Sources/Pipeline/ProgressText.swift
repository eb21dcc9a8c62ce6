/// The text of the sweep's progress line: done of total, and the time left at the pace so far.
public enum ProgressText {
    public static func line(done: Int, total: Int, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard done > 0, total > done else { return "[\(done)/\(total)] scenarios" }
        let left = Int((seconds / Double(done) * Double(total - done)).rounded(.up))
        let eta = left >= 3600 ? "\(left / 3600) h \(left % 3600 / 60) min" : left >= 60 ? "\(left / 60) min \(left % 60) s" : "\(left) s"
        return "[\(done)/\(total)] scenarios, about \(eta) left"
    }
}
