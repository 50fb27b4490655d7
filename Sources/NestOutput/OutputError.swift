/// A failure to write the run's output (a folder that cannot be created, a full disk, a file
/// that cannot be moved into place): not a problem with the input, so the command exits 2,
/// not 1. Names the file or folder and what went wrong.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
