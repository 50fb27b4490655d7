/// A toolpath that cannot be planned for this sheet on this machine.
public enum ToolpathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A placed part is longer along the conveyor than the table (roll windows).
    case partLongerThanTable(part: String, length: Double, table: Double)

    public var description: String {
        switch self {
        case .partLongerThanTable(let part, let length, let table):
            return String(format: "part \"%@\" is %.1f mm long along the roll, longer than the table (%.1f mm)", part, length, table)
        }
    }
}
