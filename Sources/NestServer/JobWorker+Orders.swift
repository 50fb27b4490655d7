import Foundation
import NestApp
import NestIO

/// Running a job that nests a hide of a cutting-session order, with the command's own
/// mechanisms: the order's state the hide is nested against is written as a state file and
/// given as `--remaining` (the run asks only for what is left, and writes the state after
/// its nest back), and a re-nest after a late defect starts from the report of the hide's
/// previous nest, given as `--start`.
extension JobWorker {
    static let orderStateName = "order-state.json"

    /// Writes the state (and the report to start from) into the job's folder and points
    /// `options` at them.
    func prepare(_ session: OrderRun, folder: String, options: inout RunOptions) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let state = (folder as NSString).appendingPathComponent(Self.orderStateName)
        try Data(session.state.utf8).write(to: URL(fileURLWithPath: state), options: .atomic)
        options.remainingPath = state
        if let start = session.startJob {
            let queue = self.queue
            guard let report = try Blocking.wait({ try await queue.file(start, name: "report.json") }) else {
                throw InputError(file: "job \(start)", item: "report.json",
                                 problem: "the nest of hide \(session.hide) to start from is gone")
            }
            let path = (folder as NSString).appendingPathComponent("start-report.json")
            try report.write(to: URL(fileURLWithPath: path), options: .atomic)
            options.startPath = path
        }
    }

    /// Puts the state the run wrote (the order after this nest's parts) among the job's
    /// files, where a confirmation reads what the nest placed; its name.
    func keepOrderState(folder: String, output: String) throws -> String {
        let from = (folder as NSString).appendingPathComponent(Self.orderStateName)
        let to = (output as NSString).appendingPathComponent(Self.orderStateName)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: from))
        try bytes.write(to: URL(fileURLWithPath: to), options: .atomic)
        return Self.orderStateName
    }
}
