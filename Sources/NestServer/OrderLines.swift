import Foundation
import NestGeometry
import NestIO
import NestModel

/// Pairs added to an open cutting-session order: order lines in the job file's format
/// (`{"order": [{"pattern": "runner.json", "sizes": {"8": 2}}]}`), read with the job
/// reader and its limits, of the order's own patterns only.
///
/// A line's `pattern` names one of the order's patterns: the file it came from as the
/// order keeps it (`source`, or that file's name alone), the pattern's `name`, or the
/// pattern object itself, inline. The line is added to the order's bundle with that
/// pattern (and its `material`/`units`); its parts are added to what is left, as order
/// lines of their own (numbered after the order's). Errors name `lines` and the line:
/// `lines: order[0] sizes "13": size is not in the size run of …`.
enum OrderLines {
    static let file = "lines"

    /// The order's bundle with the lines of `data` added, and the state `state` with their
    /// parts added to what is left; `added` counts those parts.
    static func add(_ data: Data, order bundle: Data, state: OrderRemainder, kernel: GeometryKernel) throws
        -> (bundle: Data, state: OrderRemainder, added: Int)
    {
        let body = try OrderJob.jsonObject(data, file: file)
        guard let asked = body["order"] as? [Any], !asked.isEmpty else {
            throw InputError(file: file, item: "order", problem: "give the lines to add as {\"order\": [{\"pattern\": …, \"sizes\": {…}}]}, as a job file lists them")
        }
        var object = try OrderJob.jsonObject(bundle, file: "order")
        let existing = (object["order"] as? [[String: Any]]) ?? []
        var lines: [[String: Any]] = []
        for (i, entry) in asked.enumerated() {
            guard let line = entry as? [String: Any] else {
                throw InputError(file: file, item: "order[\(i)]", problem: "an order line is an object with \"pattern\" and \"sizes\"")
            }
            guard let sizes = line["sizes"] else {
                throw InputError(file: file, item: "order[\(i)] sizes", problem: "missing: the pairs wanted per size")
            }
            guard let k = existing.firstIndex(where: { same(line["pattern"], as: $0) }) else {
                let names = existing.map { ($0["source"] as? String) ?? (($0["pattern"] as? [String: Any])?["name"] as? String) ?? "?" }
                throw InputError(file: file, item: "order[\(i)] pattern", problem:
                    "\(describe(line["pattern"])) is not a pattern of this order (\(names.joined(separator: ", "))): only pairs of the order's own patterns can be added")
            }
            var added = existing[k].filter { $0.key != "sizes" }
            added["sizes"] = sizes
            lines.append(added)
        }
        // The lines alone, read as the order's job reads them: errors name the line as sent.
        var alone = object
        alone["order"] = lines
        _ = try OrderJob.open(try JSONSerialization.data(withJSONObject: alone), file: file, kernel: kernel)
        // The whole order with them: the job's limits (parts per job) hold for the sum.
        object["order"] = existing + lines
        let merged = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let whole = try OrderJob.open(merged, file: file, kernel: kernel)
        var grown = state
        var count = 0
        for (kind, n) in whole.state.counts where kind.orderLine >= existing.count {
            grown.counts[kind, default: 0] += n
            count += n
        }
        guard count > 0 else { throw InputError(file: file, item: "order", problem: "the lines ask for no parts the order's session cuts") }
        return (whole.bundle, grown, count)
    }

    /// The order's bundle with the stand-in stock that says what its session cuts. An order
    /// opened before the bundle kept one (its stock then simply removed) gets the materials of
    /// the panels its state and its hides' states name, so added lines count the same panels.
    static func withSessionStock(_ order: StoredOrder) throws -> Data {
        var object = try OrderJob.jsonObject(order.bundle, file: "order")
        guard object["stock"] == nil else { return order.bundle }
        var panels = Set<String>()
        for text in [order.state] + order.hides.map(\.stateBefore) {
            panels.formUnion(try OrderStateFile.read(data: Data(text.utf8), name: "order \(order.id) state").counts.keys.map(\.panel))
        }
        var materials = Set<String>()
        for line in (object["order"] as? [[String: Any]]) ?? [] {
            for panel in ((line["pattern"] as? [String: Any])?["panels"] as? [[String: Any]]) ?? [] {
                if let name = panel["name"] as? String, panels.contains(name), let material = panel["material"] as? String {
                    materials.insert(material)
                }
            }
        }
        guard !materials.isEmpty else { return order.bundle }
        object["stock"] = OrderJob.standIn(materials.sorted())
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// Whether `reference` (a line's `pattern`) names the pattern of the order line `line`.
    static func same(_ reference: Any?, as line: [String: Any]) -> Bool {
        switch reference {
        case let name as String:
            let source = line["source"] as? String
            let patternName = (line["pattern"] as? [String: Any])?["name"] as? String
            return name == source || name == patternName || source.map { ($0 as NSString).lastPathComponent == name } == true
        case let object as [String: Any]:
            return (line["pattern"] as? [String: Any]).map { NSDictionary(dictionary: $0).isEqual(to: object) } ?? false
        default:
            return false
        }
    }

    static func describe(_ reference: Any?) -> String {
        switch reference {
        case let name as String: return "\"\(name.prefix(200))\""
        case let object as [String: Any]: return "the inline pattern \((object["name"] as? String).map { "\"\($0.prefix(200))\"" } ?? "")"
        case nil: return "a missing pattern"
        default: return "this pattern"
        }
    }
}
