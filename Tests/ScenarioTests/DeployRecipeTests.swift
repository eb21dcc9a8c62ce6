import Foundation
import Testing
import Yams

/// The batch-engine recipes in deploy/ hang together: the shard count each one passes to
/// `--shard` is the number of pieces it runs, and the fields their engines need are there.
/// (No Kubernetes or Actions schema validator is installable here; these are the checks we can run.)
struct DeployRecipeTests {
    static let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy")

    static func yaml(_ name: String) throws -> [String: Any] {
        let text = try String(contentsOf: deploy.appendingPathComponent(name), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    @Test func kubernetesIndexedJobRunsEveryShard() throws {
        let job = try Self.yaml("kubernetes-sweep.yml")
        #expect(job["apiVersion"] as? String == "batch/v1" && job["kind"] as? String == "Job")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        #expect(spec["parallelism"] as? Int == completions)
        let template = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(template["restartPolicy"] as? String == "Never")
        let container = try #require((template["containers"] as? [[String: Any]])?.first)
        let script = try #require((container["args"] as? [String])?.first)
        #expect(script.contains("--shard $((JOB_COMPLETION_INDEX + 1))/\(completions)"), "\(script)")
    }

    @Test func githubMatrixRunsEveryShardThenMerges() throws {
        let workflow = try Self.yaml("github-sweep.yml")
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let shard = try #require(jobs["shard"] as? [String: Any])
        let matrix = try #require(((shard["strategy"] as? [String: Any])?["matrix"] as? [String: Any])?["shard"] as? [Int])
        #expect(matrix == Array(1...matrix.count))
        let steps = try #require(shard["steps"] as? [[String: Any]])
        let run = steps.compactMap { ($0["with"] as? [String: Any])?["args"] as? String }.first ?? ""
        #expect(run.contains("--shard ${{ matrix.shard }}/\(matrix.count)"), "\(run)")
        let merge = try #require(jobs["merge"] as? [String: Any])
        #expect(merge["needs"] as? String == "shard")
        let mergeArgs = ((merge["steps"] as? [[String: Any]]) ?? []).compactMap { ($0["with"] as? [String: Any])?["args"] as? String }.first ?? ""
        #expect(matrix.allSatisfy { mergeArgs.contains("part-\($0).json") } && mergeArgs.hasPrefix("merge "))
    }
}
