import Foundation
import NestModel

/// The state of a cutting session on disk (`nest-order-state/1`): what is left of a job's
/// order and the hides booked so far. `nest JOB.json --remaining STATE.json` reads it (or
/// opens the order when the file does not exist yet), nests the job's stock against what is
/// left, and writes it back with the placed parts booked off.
///
/// ```json
/// {"format": "nest-order-state/1", "job": "hide",
///  "remaining": [{"order_line": 0, "size": "8", "panel": "vamp", "side": "L", "count": 1}],
///  "cut": [{"stock": "cow-side-01", "parts": 56}]}
/// ```
public enum OrderStateFile {
    public static let format = "nest-order-state/1"

    /// Reads a state file; errors name the file and the entry.
    public static func read(path: String) throws -> OrderRemainder {
        let name = (path as NSString).lastPathComponent
        return try read(data: JSONFile.contents(of: path, displayName: name), name: name)
    }

    /// Reads a state from bytes (a state kept in a database); `name` names it in errors.
    public static func read(data: Data, name: String) throws -> OrderRemainder {
        let file = try JSONFile.decode(StateFile.self, from: data, displayName: name)
        guard file.format == format else {
            throw InputError(file: name, item: "format", problem: "\"\(file.format)\" is not \(format)")
        }
        var counts: [OrderRemainder.Kind: Int] = [:]
        for (i, r) in file.remaining.enumerated() {
            let item = "remaining[\(i)]"
            guard r.order_line >= 0 else { throw InputError(file: name, item: item, problem: "order_line must be 0 or more") }
            guard r.count >= 0 else { throw InputError(file: name, item: item, problem: "count must be 0 or more") }
            let side = try Side.read(r.side, file: name, item: item)
            let kind = OrderRemainder.Kind(orderLine: r.order_line, size: r.size, panel: r.panel, side: side)
            guard counts[kind] == nil else { throw InputError(file: name, item: item, problem: "the same part kind is listed twice") }
            counts[kind] = r.count
        }
        return OrderRemainder(job: file.job, counts: counts, cuts: (file.cut ?? []).map { .init(stock: $0.stock, parts: $0.parts) })
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
