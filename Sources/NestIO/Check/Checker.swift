import Foundation
import NestGeometry
import NestModel

/// `nest check`: validates patterns, hides, rolls and jobs in any format without nesting
/// and lists *every* problem found — not only the first, as the readers do — each with
/// the file, the item and the position: malformed files, unknown keys, open rings,
/// duplicate points, self-intersections (with the point), tiny slivers, units that look
/// wrong, parts larger than every piece of stock, and whatever the readers refuse.
///
/// Deterministic: the same files give the same list in the same order.
public struct Checker {
    public let options: ImportOptions
    let kernel: GeometryKernel
    private var checked = Set<String>()
    /// What the readers repair or leave out on their own, with a note (repeated points,
    /// unfolded pieces, repaired or left-out sizes): listed, but not problems.
    public private(set) var notes: [String] = []

    public init(options: ImportOptions = ImportOptions(), kernel: GeometryKernel) {
        self.options = options
        self.kernel = kernel
    }

    /// Every problem of the file at `path` (and, for a job, of the files it names).
    public mutating func problems(path: String) -> [InputError] {
        guard checked.insert(path).inserted else { return [] }
        let data: Data
        do {
            data = try DXFImporter.load(path: path, displayName: path)
        } catch let e as InputError {
            return [e]
        } catch {
            return [InputError(file: path, item: "", problem: "\(error)")]
        }
        do {
            switch InputFormat(path: path) {
            case .dxf:
                if FileKind.looksLikeHide(path: path, options: options) {
                    let (raw, found) = try DXFImporter.hideFile(data: data, file: path, options: options)
                    return hide(raw, file: path, found: found + hideGeometry(raw, file: path, scale: 1))
                }
                let (raw, found) = try DXFImporter.patternFile(data: data, file: path, options: options, kernel: kernel)
                return pattern(raw, file: path, scale: 1, found: found)
            case .svg:
                let (raw, found) = try SVGImporter.patternFile(data: data, file: path, options: options, kernel: kernel)
                return pattern(raw, file: path, scale: 1, found: found)
            case .json:
                return try json(data, path: path)
            }
        } catch let e as InputError {
            return [e]
        } catch {
            return [InputError(file: path, item: "", problem: "\(error)")]
        }
    }

    /// `found`, plus the reader's own refusal unless it repeats an item already listed.
    func merge(_ found: [InputError], _ read: () throws -> Void) -> [InputError] {
        do {
            try read()
            return found
        } catch let e as InputError {
            let repeated = found.contains { $0.file == e.file && ($0.item.hasPrefix(e.item) || e.item.hasPrefix($0.item)) && !e.item.isEmpty }
            return repeated ? found : found + [e]
        } catch {
            return found + [InputError(file: "", item: "", problem: "\(error)")]
        }
    }

    mutating func json(_ data: Data, path: String) throws -> [InputError] {
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            _ = try JSONFile.decode(JSONValueProbe.self, from: data, displayName: path)
            return [InputError(file: path, item: "", problem: "malformed JSON" + (JSONFile.syntaxProblem(in: data).map { ": \($0)" } ?? ""))]
        }
        let kind = FileKind.of(path: path)
        let schema: KeySchema
        switch kind {
        case .job: schema = .job
        case .pattern: schema = .pattern
        case .hide: schema = .hide
        case .roll: schema = .roll
        case .unknown:
            return [InputError(file: path, item: "format", problem:
                "not a nest file: give \"format\" as nest-job/1, nest-pattern/1, nest-hide/1 or nest-roll/1")]
        }
        let found = schema.unknownKeys(in: object).map { InputError(file: path, item: $0, problem: "unknown key") }
        let unit = (object as? [String: Any])?["units"] as? String
        let scale = LengthUnit(named: unit ?? "mm")?.millimetres ?? 1
        switch kind {
        case .pattern:
            let raw = try JSONFile.decode(PatternFile.self, from: data, displayName: path)
            return pattern(raw, file: path, scale: scale, found: found)
        case .hide:
            let raw = try JSONFile.decode(HideFile.self, from: data, displayName: path)
            return hide(raw, file: path, found: found + hideGeometry(raw, file: path, scale: scale))
        case .roll:
            return merge(found) { _ = try StockReader.readRoll(path: path, displayName: path) }
        default:
            return job(path: path, found: found)
        }
    }

    mutating func pattern(_ raw: PatternFile, file: String, scale: Double, found: [InputError]) -> [InputError] {
        var out = ShapeCheck.Findings(problems: found)
        let shapes = ShapeCheck(file: file, kernel: kernel)
        for (i, p) in raw.panels.enumerated() {
            let item = "panels[\(i)] \"\(p.name)\""
            out += shapes.findings(outline: p.outline, holes: p.holes ?? [], scale: scale, item: item)
            for (size, g) in (p.graded ?? [:]).sorted(by: { $0.key < $1.key }) {
                out += shapes.findings(outline: g.outline, holes: g.holes ?? [], scale: scale, item: "\(item) graded \"\(size)\"")
            }
        }
        notes += out.notes.map(\.description)
        var pattern: Pattern?
        var problems = merge(out.problems) { pattern = try PatternReader.convert(raw, file: file, kernel: kernel) }
        notes += pattern?.notes ?? raw.notes
        if let pattern { problems += PlausibilityCheck.units(of: pattern, raw: raw, file: file) }
        return problems
    }

    /// `found`, plus the hide reader's refusal (unless it repeats one found); its notes kept.
    mutating func hide(_ raw: HideFile, file: String, found: [InputError]) -> [InputError] {
        var hideNotes: [String] = []
        let problems = merge(found) { hideNotes = try StockReader.hide(raw, file: file, item: "", kernel: kernel).notes }
        notes += hideNotes
        return problems
    }

    mutating func hideGeometry(_ raw: HideFile, file: String, scale: Double) -> [InputError] {
        let shapes = ShapeCheck(file: file, kernel: kernel)
        var out = shapes.findings(outline: raw.outline, holes: raw.holes ?? [], scale: scale, item: "hide \"\(raw.name)\"")
        for (i, d) in (raw.defects ?? []).enumerated() {
            var f = shapes.findings(outline: d.outline, holes: [], scale: scale, item: "defects[\(i)]")
            f.problems.removeAll { $0.problem.hasPrefix("tiny sliver") }
            out += f
        }
        for (i, z) in (raw.zones ?? []).enumerated() {
            out += shapes.findings(outline: z.outline, holes: [], scale: scale, item: "zones[\(i)]")
        }
        notes += out.notes.map(\.description)
        return out.problems
    }

    mutating func job(path: String, found: [InputError]) -> [InputError] {
        var out = found
        let raw: JobFile
        do {
            raw = try JSONFile.read(JobFile.self, from: path, displayName: path)
        } catch let e as InputError {
            return out + [e]
        } catch {
            return out + [InputError(file: path, item: "", problem: "\(error)")]
        }
        let folder = PathParts.folder(of: path)
        func resolve(_ p: String) -> String { p.hasPrefix("/") || folder.isEmpty ? p : (folder as NSString).appendingPathComponent(p) }
        var named: [String] = []
        for h in raw.stock.hides ?? [] { if case .path(let p) = h { named.append(resolve(p)) } }
        if case .path(let p)? = raw.stock.roll { named.append(resolve(p)) }
        for entry in raw.order { if case .path(let p) = entry.pattern { named.append(resolve(p)) } }
        var filesOK = true
        for file in named {
            let p = problems(path: file)
            if !p.isEmpty { filesOK = false }
            out += p
        }
        guard filesOK else { return out }
        var job: Job?
        out = merge(out) { job = try JobReader.read(path: path, kernel: kernel) }
        if let job { out += PlausibilityCheck.partsFitStock(job, file: path) }
        return out
    }
}

/// Decodes any JSON, only to get `JSONFile`'s message for malformed bytes.
private struct JSONValueProbe: Decodable {}
