import Foundation
import NestModel

/// The state of a cutting session on disk (`nest-order-state/1`): what is left of a job's
/// order and the hides booked so far. `nest JOB.json --remaining STATE.json` reads it (or
/// opens the order when the file does not exist yet), nests the job's stock against what is
/// left, and writes it back with the placed parts booked off.
///
/// ```json
/// {"format": "nest-order-state/1", "job": "hide", "parts_left": 1,
///  "remaining": [{"order_line": 0, "size": "8", "panel": "vamp", "side": "L", "count": 1}],
///  "cut": [{"stock": "cow-side-01", "parts": 56}]}
/// ```
public enum OrderStateFile {
    public static let format = "nest-order-state/1"

    /// Reads a state file; errors name the file as `path` gives it, and the entry.
    public static func read(path: String) throws -> OrderRemainder {
        try read(data: contents(of: path), name: path)
    }

    /// A state file's bytes (within the input limits); errors name the file as `path` gives it.
    public static func contents(of path: String) throws -> Data {
        try JSONFile.contents(of: path, displayName: path)
    }

    /// Reads a state from bytes (a state kept in a database); `name` names it in errors.
    ///
    /// A `parts_left` that disagrees with the entries is refused; with `job`, so is a state
    /// of another job (checked before the entries). With `order` (every part
    /// kind of the job's whole order and how many it asks for), so is an entry of a kind
    /// the order does not have or with more parts left than the order asks for: a state
    /// edited by hand or written for another version of the order would otherwise have
    /// parts nested that were never ordered, or parts of the order silently dropped.
    public static func read(data: Data, name: String, job: String? = nil,
                            order: [OrderRemainder.Kind: Int]? = nil) throws -> OrderRemainder {
        let file = try JSONFile.decode(StateFile.self, from: data, displayName: name)
        guard file.format == format else {
            throw InputError(file: name, item: "format", problem: "\"\(file.format)\" is not \(format)")
        }
        // The job first: a state of another job is named as such, not by its entries.
        if let job, file.job != job {
            throw InputError(file: name, item: "job", problem: "the state is of job \"\(file.job)\", not \"\(job)\"")
        }
        var counts: [OrderRemainder.Kind: Int] = [:]
        var total = 0
        for (i, r) in file.remaining.enumerated() {
            let item = "remaining[\(i)]"
            guard r.order_line >= 0 else { throw InputError(file: name, item: item, problem: "order_line must be 0 or more") }
            guard r.count >= 0 else { throw InputError(file: name, item: item, problem: "count must be 0 or more") }
            let side = try Side.read(r.side, file: name, item: item)
            let kind = OrderRemainder.Kind(orderLine: r.order_line, size: r.size, panel: r.panel, side: side)
            guard counts[kind] == nil else { throw InputError(file: name, item: item, problem: "the same part kind is listed twice") }
            if let order { try check(kind, count: r.count, against: order, file: name, item: item) }
            counts[kind] = r.count
            total = total.addingReportingOverflow(r.count).overflow ? Int.max : total + r.count
        }
        if let left = file.parts_left, left != total {
            throw InputError(file: name, item: "parts_left", problem: "\(left) disagrees with the entries of \"remaining\", "
                + "which add up to \(total)")
        }
        return OrderRemainder(job: file.job, counts: counts, cuts: (file.cut ?? []).map { .init(stock: $0.stock, parts: $0.parts) })
    }

    /// Refuses an entry whose kind the order does not have, naming the first field that
    /// no kind of the order matches, or whose count is more than the order asks for.
    private static func check(_ kind: OrderRemainder.Kind, count: Int, against order: [OrderRemainder.Kind: Int],
                              file: String, item: String) throws {
        guard let ordered = order[kind] else {
            let kinds = order.keys
            let line = kinds.filter { $0.orderLine == kind.orderLine }
            let size = line.filter { $0.size == kind.size }
            let panel = size.filter { $0.panel == kind.panel }
            let problem = if line.isEmpty {
                "the order has no order line \(kind.orderLine) (its lines are 0 to \((kinds.map(\.orderLine).max() ?? -1)))"
            } else if size.isEmpty {
                "order line \(kind.orderLine) has no size \"\(kind.size)\""
            } else if panel.isEmpty {
                "order line \(kind.orderLine), size \"\(kind.size)\" has no panel \"\(kind.panel)\""
            } else {
                "panel \"\(kind.panel)\" of order line \(kind.orderLine), size \"\(kind.size)\" has no side "
                    + "\"\(kind.side.rawValue)\" (it has \(panel.map { "\"\($0.side.rawValue)\"" }.sorted().joined(separator: ", ")))"
            }
            throw InputError(file: file, item: item, problem: problem + ": not a part of this job's order")
        }
        guard count <= ordered else {
            throw InputError(file: file, item: item, problem: "count \(count) is more than the order asks for (\(ordered) of "
                + "order line \(kind.orderLine), size \"\(kind.size)\", panel \"\(kind.panel)\", side \"\(kind.side.rawValue)\")")
        }
    }

    /// The state as its file's text (kinds in order line, size, panel, side order).
    public static func text(_ state: OrderRemainder) -> String {
        JSONValue.object([("format", .string(format)), ("job", .string(state.job)), ("parts_left", .integer(state.total)),
                          ("remaining", remaining(state.counts)), ("cut", cuts(state))]).serialized() + "\n"
    }

    /// Part counts per kind as the file lists them, in order line, size, panel, side order.
    public static func remaining(_ counts: [OrderRemainder.Kind: Int]) -> JSONValue {
        .array(counts.keys.sorted().map { k in
            .object([("order_line", .integer(k.orderLine)), ("size", .string(k.size)), ("panel", .string(k.panel)),
                     ("side", .string(k.side.rawValue)), ("count", .integer(counts[k]!))])
        })
    }

    /// The booked cuts as the file lists them.
    public static func cuts(_ state: OrderRemainder) -> JSONValue {
        .array(state.cuts.map { .object([("stock", .string($0.stock)), ("parts", .integer($0.parts))]) })
    }

    // swiftlint:disable identifier_name
    private struct StateFile: Decodable {
        let format: String
        let job: String
        let parts_left: Int?
        let remaining: [Entry]
        let cut: [CutEntry]?
    }

    private struct Entry: Decodable {
        let order_line: Int
        let size: String
        let panel: String
        let side: String
        let count: Int
    }

    private struct CutEntry: Decodable {
        let stock: String
        let parts: Int
    }
}
