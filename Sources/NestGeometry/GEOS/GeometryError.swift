/// A failure inside a geometry operation, with GEOS's own message where it gave one.
public struct GeometryError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    public let message: String

    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "geometry \(operation) failed: \(message)" }
}
