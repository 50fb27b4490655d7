import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// Yield regression: every job in Patterns/ and the Baldacci leather instances, nested with
/// a fixed seed and fixed budgets, must keep its yield within 0.1 percentage point of the
/// committed baseline (`yield-baseline.json` beside this file). Yields that rise are
/// fine; a change meant to move them rewrites the baseline with
///
///     NEST_UPDATE_YIELD_BASELINE=1 swift test -Xswiftc -O --filter YieldRegression
struct YieldRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let baselineURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("yield-baseline.json")
    static let seed: UInt64 = 1
    static let samples = 25
    static let iterations = 150

    /// Jobs by path relative to the package root.
    static let jobs: [String] = {
        let patterns = root.appendingPathComponent("Patterns")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: patterns.path)) ?? []
        let own = names.filter { $0.hasSuffix(".json") }.sorted().filter { name in
            let text = (try? String(contentsOf: patterns.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.contains("\"nest-job/1\"")
        }.map { "Patterns/\($0)" }
        return own + (1...3).map { "Benchmarks/datasets/baldacci/baldacci\($0).json" }
    }()

    static func yield(of job: String) throws -> Double {
        let kernel = try GeometryKernel()
        let parsed = try JobReader.read(path: root.appendingPathComponent(job).path, kernel: kernel)
        var config = NestConfiguration()
        config.seed = seed
        config.firstNest.samplesPerOrientation = samples
        config.optimizerIterations = iterations
        let result = try Nester(job: parsed, config: config).run()
        let problems = try FeasibilityVerifier(spacing: parsed.spacing, margin: parsed.margin)
            .problems(in: result, expectedParts: parsed.parts())
        #expect(problems.isEmpty, "\(job): \(problems.prefix(3))")
        return (result.yieldPercent * 10_000).rounded() / 10_000
    }

    @Test func yieldsHoldTheBaseline() throws {
        var measured: [String: Double] = [:]
        for job in Self.jobs { measured[job] = try Self.yield(of: job) }
        if ProcessInfo.processInfo.environment["NEST_UPDATE_YIELD_BASELINE"] == "1" {
            let body = measured.keys.sorted().map { "  \"\($0)\": \(measured[$0]!)" }.joined(separator: ",\n")
            try "{\n\(body)\n}\n".write(to: Self.baselineURL, atomically: true, encoding: .utf8)
            return
        }
        let data = try Data(contentsOf: Self.baselineURL)
        let baseline = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Double])
        for job in Self.jobs {
            let now = try #require(measured[job])
            guard let before = baseline[job] else {
                Issue.record("\(job) has no baseline yield (now \(now) %); rewrite the baseline")
                continue
            }
            #expect(now >= before - 0.1, "\(job): yield \(now) % fell below the baseline \(before) % by more than 0.1 point")
        }
    }
}
