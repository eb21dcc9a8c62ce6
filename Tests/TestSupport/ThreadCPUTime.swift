#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time of the calling thread, for scaling tests that compare two input sizes: other tests
/// running in parallel do not count, and only the ratio of two measurements is ever asserted.
public enum ThreadCPUTime {
    /// The best of three runs of `body`, in seconds.
    public static func bestOfThree(_ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            var start = timespec(), end = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
            body()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
            best = min(best, Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9)
        }
        return best
    }

    /// How many times longer `large` takes than `small` (each the best of three, after a warm-up).
    public static func ratio(_ large: () -> Void, over small: () -> Void) -> Double {
        small()
        return bestOfThree(large) / max(bestOfThree(small), 1e-6)
    }
}
