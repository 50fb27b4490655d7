#if canImport(NestServer)
import ArgumentParser
import Foundation
import NestServer

/// How `nest serve` and `nest worker` end when their host fails: one line on stderr — the
/// database's own message when it is unreachable, else the command and the error — and
/// exit status 2.
enum ServerFailure {
    static func exit(_ error: Error, command: String) -> ExitCode {
        let line = error is DatabaseUnavailable ? "nest: error: \(error)\n" : "nest: error: \(command): \(error)\n"
        FileHandle.standardError.write(Data(line.utf8))
        return ExitCode(2)
    }
}
#endif
