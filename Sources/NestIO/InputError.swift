/// A problem with an input file, naming the file, the item in it and what is wrong.
///
/// `description` is the one-line message the command prints, e.g.
/// `Patterns/runner.json: panels[2] "toe_cap" outline: self-intersection at (12.5, 40)`.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let item: String
    public let problem: String

    public init(file: String, item: String, problem: String) {
        self.file = file
        self.item = item
        self.problem = problem
    }

    public var description: String { item.isEmpty ? "\(file): \(problem)" : "\(file): \(item): \(problem)" }
}
