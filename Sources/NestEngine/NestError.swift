/// Why a job cannot be nested at all (as opposed to parts left unplaced).
public enum NestError: Error, Sendable, CustomStringConvertible {
    /// A part cannot fit on any piece of stock in any allowed orientation.
    case partLargerThanStock(part: String, size: String, partDimensions: String, stock: String)
    /// The result failed the final GEOS check: a bug, never written as a result.
    case verificationFailed([String])
    /// GEOS failed while preparing the stock or the parts.
    case geometry(String)
    /// The engine's own state contradicts itself (a bug, never written as a result).
    case inconsistent(String)

    public var description: String {
        switch self {
        case let .partLargerThanStock(part, size, dims, stock):
            "panel \"\(part)\" size \(size) (\(dims)) is larger than every piece of stock (\(stock)) in every allowed orientation"
        case .verificationFailed(let problems):
            "internal error: the nest failed its final verification (\(problems.count) problem(s)): "
                + problems.prefix(3).joined(separator: "; ")
        case .geometry(let m):
            "geometry preparation failed: \(m)"
        case .inconsistent(let m):
            "internal error: \(m)"
        }
    }
}
