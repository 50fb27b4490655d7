import Foundation

/// Waits for SIGINT or SIGTERM (`nest worker` has no HTTP server whose service group would
/// do it). After the first call the two signals no longer end the process by default; the
/// caller decides what stopping means.
enum SignalWait {
    static func untilStopped() async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let queue = DispatchQueue(label: "nest.worker.signals")
            final class Sources: @unchecked Sendable { var list: [any DispatchSourceSignal] = []; var resumed = false }
            let sources = Sources()
            queue.sync {
                for sig in [SIGINT, SIGTERM] {
                    signal(sig, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                    source.setEventHandler {
                        guard !sources.resumed else { return }
                        sources.resumed = true
                        for s in sources.list { s.cancel() }
                        continuation.resume(returning: sig)
                    }
                    source.resume()
                    sources.list.append(source)
                }
            }
        }
    }
}
