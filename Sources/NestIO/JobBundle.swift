import Foundation
import NestGeometry
import NestModel

/// `nest bundle`: a job as one self-contained JSON document, so it travels alone (to a
/// nesting server, into an archive): every pattern (JSON, DXF or SVG) and every hide and
/// roll the job names is read, validated and written inline in its normalized JSON form.
///
/// Guarantees: the bundle reads back (`JobReader.read(bundle:)`) to the same parts, stock,
/// rules and budgets as the job, so it nests to the same result; a job that does not read
/// is refused with the reader's own message, and nothing is written. Deterministic: the
/// same files give the same bytes.
public enum JobBundle {
    /// The bundle of the job at `path`, and the notes its readers gave (repairs, unfolded
    /// pieces), for the user.
    public static func bundle(path: String, kernel: GeometryKernel) throws -> (document: JSONValue, notes: [String]) {
        // The job must read as it is: the same checks as a run.
        let job = try JobReader.read(path: path, kernel: kernel)
        let data = try JSONFile.contents(of: path, displayName: path)
        let raw = try JobReader.rawJob(data, file: path)

        var stock: [(String, JSONValue)] = []
        switch job.stock {
        case .hides(let hides): stock.append(("hides", .array(hides.map(NormalizedJSON.hide))))
        case .roll(let roll): stock.append(("roll", NormalizedJSON.roll(roll)))
        }
        var order: [JSONValue] = []
        for (i, line) in job.order.enumerated() {
            let entry = raw.order[i]
            // The pattern's file as the report names it (resolved from the job's folder).
            let source = line.patternSource
            let sizes = entry.pairCounts.sorted { a, b in
                let ia = line.pattern.sizes.firstIndex(of: a.key) ?? .max, ib = line.pattern.sizes.firstIndex(of: b.key) ?? .max
                return ia != ib ? ia < ib : a.key < b.key
            }
            order.append(.object([
                ("pattern", NormalizedJSON.pattern(line.pattern)),
                ("source", .string(source)),
                ("sizes", .object(sizes.map { ($0.key, .integer($0.value)) })),
            ]))
        }
        var fields: [(String, JSONValue)] = [
            ("format", .string(JobReader.format)),
            ("name", .string(job.name)),
            ("units", .string("mm")),
            ("stock", .object(stock)),
            ("order", .array(order)),
            ("spacing", .number(job.spacing, decimals: 9)),
            ("margin", .number(job.margin, decimals: 9)),
        ]
        // Budgets as the job gave them: an absent one keeps its default (derived from the parts).
        if let seed = raw.seed { fields.append(("seed", .unsigned(seed))) }
        if let samples = raw.samples { fields.append(("samples", .integer(samples))) }
        if let iterations = raw.iterations { fields.append(("iterations", .integer(iterations))) }
        if let limit = raw.time_limit { fields.append(("time_limit", .number(limit, decimals: 6))) }
        if let rule = raw.same_hide { fields.append(("same_hide", .string(rule))) }
        if let order = raw.hide_order { fields.append(("hide_order", .string(order))) }
        return (.object(fields), job.notes)
    }
}
