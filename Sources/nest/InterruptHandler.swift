import Foundation
import NestEngine

/// First Ctrl-C (or SIGTERM): ask the run to stop and keep the best nest so far, which is
/// then verified and written. A second one exits at once, writing nothing more.
final class InterruptHandler {
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "nest.signals")

    init(stop: StopSignal) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            var count = 0
            source.setEventHandler {
                // Signals that arrive before the handler runs are coalesced: `data` counts them.
                count += max(1, Int(source.data))
                if count == 1 {
                    FileHandle.standardError.write(Data("\nnest: stopping; writing the best nest so far (press again to quit now)\n".utf8))
                    stop.interrupt()
                } else {
                    FileHandle.standardError.write(Data("nest: quit without writing\n".utf8))
                    exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
