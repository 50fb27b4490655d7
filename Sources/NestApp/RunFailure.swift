import NestEngine
import NestIO
import NestOutput

/// What went wrong in a run, in the one error model `nest` and `nest batch` share: a problem
/// with the input (exit status 1: the user must change a file or an option), or a failure to
/// write the output or inside `nest` (exit status 2: nothing the input could have avoided).
public struct RunFailure: Error, Sendable, CustomStringConvertible {
    /// Whose the fault is, and so the exit status: the input (1), or the output or `nest`
    /// itself (2).
    public enum Kind: Sendable, Equatable {
        /// A file, an item in it or an option is wrong; the message names them.
        case input
        /// The output could not be written (folder, disk, rename).
        case output
        /// A bug or a library failure: a nest failing its final verification, GEOS refusing.
        case `internal`
    }

    public let kind: Kind
    /// The one line printed after `nest: error: `, naming the file first.
    public let message: String

    /// Classifies `error` thrown while running the job at `jobPath`.
    public init(_ error: any Error, jobPath: String) {
        switch error {
        case let e as RunFailure:
            self = e
        case let e as InputError:
            (kind, message) = (.input, e.description)
        case let e as OutputError:
            (kind, message) = (.output, e.description)
        case let e as NestError:
            if case .partLargerThanStock = e {
                (kind, message) = (.input, "\(jobPath): \(e)")
            } else {
                (kind, message) = (.internal, "\(jobPath): \(e)")
            }
        default:
            (kind, message) = (.internal, "\(jobPath): \(error)")
        }
    }

    /// 1 for bad input, 2 for output and internal failures.
    public var exitStatus: Int32 { kind == .input ? 1 : 2 }

    public var description: String { message }
}
