import Foundation

/// A database operation that did not answer in time.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    public var what: String
    public var seconds: Double
    public var description: String { "\(what): no answer within \(Self.format(seconds)) s" }

    static func format(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(s) }
}

/// Runs `body`, or throws `DeadlineExceeded` after `seconds`: no call to a network database
/// hangs for ever (an unreachable server, a pool that cannot connect). The body is cancelled
/// when the deadline passes.
func withDeadline<T: Sendable>(_ seconds: Double, _ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw DeadlineExceeded(what: what, seconds: seconds)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
