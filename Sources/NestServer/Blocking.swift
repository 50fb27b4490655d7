import Foundation
import Synchronization

/// Waits on a thread of its own for async work: how a worker, which nests on a plain
/// `Thread` (a long CPU-bound run must not hold one of Swift concurrency's few threads),
/// talks to the asynchronous queue.
///
/// Never call it from a task or from an event loop: it blocks the calling thread until the
/// work, which runs as a detached task, has finished.
enum Blocking {
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let result = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let r: Result<T, any Error>
            do { r = .success(try await body()) } catch { r = .failure(error) }
            result.withLock { $0 = r }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
