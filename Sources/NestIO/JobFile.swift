import Foundation
import NestGeometry
import NestModel

/// Either a path to another file (relative to the job) or the object itself, inline.
enum FileOrInline<T: Decodable>: Decodable {
    case path(String)
    case inline(T)

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .path(s)
        } else {
            self = .inline(try c.decode(T.self))
        }
    }
}

/// The JSON form of a job, format "nest-job/1" (see README, "Job file").
struct JobFile: Decodable {
    struct StockEntry: Decodable {
        var hides: [FileOrInline<HideFile>]?
        var roll: FileOrInline<RollFile>?
    }

    struct OrderEntry: Decodable {
        /// A pattern file (JSON, DXF or SVG), or a pattern object inline (a bundled job).
        var pattern: FileOrInline<PatternFile>
        /// Where an inline pattern came from, for the report (`nest bundle` writes it).
        var source: String?
        var sizes: [String: WholeNumber<Int>]
        /// `sizes` as numbers: the pairs wanted per size.
        var pairCounts: [String: Int] { sizes.mapValues(\.value) }
        /// For DXF and SVG patterns: the material of pieces whose file names none.
        var material: String?
        /// For DXF and SVG patterns: the drawing's units, over what the file says.
        var units: String?
    }

    var format: String?
    var name: String?
    var units: String?
    var stock: StockEntry
    var order: [OrderEntry]
    var spacing: Double?
    var margin: Double?
    var seed: UInt64?
    var iterations: Int?
    var samples: Int?
    var time_limit: Double?
    var same_hide: String?
    var hide_order: String?
}

/// Reads a job file and everything it names, into a validated `Job`. A strip-packing
/// benchmark instance (ESICUP, as jagua-rs distributes them) is read as a roll job.
public enum JobReader {
    public static let format = "nest-job/1"

    /// Reads `path` (as the user typed it); files the job names are resolved relative to
    /// the job file's folder. Every error names the file and the item.
    public static func read(path: String, kernel: GeometryKernel) throws -> Job {
        let data = try JSONFile.contents(of: path, displayName: path)
        if StripInstanceReader.recognizes(data) {
            return try StripInstanceReader.job(from: data, path: path, kernel: kernel)
        }
        if BinPackingInstanceReader.recognizes(data) {
            return try BinPackingInstanceReader.job(from: data, path: path, kernel: kernel)
        }
        return try read(data: data, file: path, folder: PathParts.folder(of: path), kernel: kernel)
    }

    /// Reads a self-contained job (every pattern and piece of stock inline, as `nest bundle`
    /// writes it) from bytes, e.g. a request's body; `file` names it in messages. A job
    /// that names other files is refused: nothing outside the document is read.
    public static func read(bundle data: Data, file: String, kernel: GeometryKernel) throws -> Job {
        try read(data: data, file: file, folder: nil, kernel: kernel)
    }

    /// The raw job, checked for its format.
    static func rawJob(_ data: Data, file: String) throws -> JobFile {
        let raw = try JSONFile.decode(JobFile.self, from: data, displayName: file)
        if let f = raw.format, f != format {
            throw InputError(file: file, item: "format", problem: "expected \"\(format)\", found \"\(f)\"")
        }
        return raw
    }

    /// `folder`: where the files the job names are; nil when it may name none.
    static func read(data: Data, file: String, folder: String?, kernel: GeometryKernel) throws -> Job {
        let raw = try rawJob(data, file: file)
        let unit = try LengthUnit.parse(raw.units, file: file)

        func resolve(_ relative: String, item: String) throws -> String {
            guard let folder else {
                throw InputError(file: file, item: item, problem:
                    "names the file \"\(relative.prefix(200))\": a job sent on its own must carry its patterns and stock inline (nest bundle JOB.json writes one)")
            }
            if relative.hasPrefix("/") || folder.isEmpty { return relative }
            return (folder as NSString).appendingPathComponent(relative)
        }

        func checkSizes(_ entry: JobFile.OrderEntry, of pattern: Pattern, line i: Int, named: String) throws {
            for (size, count) in entry.pairCounts.sorted(by: { $0.key < $1.key }) {
                guard pattern.sizes.contains(size) else {
                    throw InputError(file: file, item: "order[\(i)] sizes \"\(size)\"", problem:
                        "size is not in the size run of \(named) (\(pattern.sizes.joined(separator: ", ")))")
                }
                guard count >= 0, count <= 100_000 else {
                    throw InputError(file: file, item: "order[\(i)] sizes \"\(size)\"", problem: "pair count must be 0 to 100000, got \(count)")
                }
            }
        }

        let stock: Stock
        switch (raw.stock.hides, raw.stock.roll) {
        case (let hides?, nil):
            guard !hides.isEmpty else { throw InputError(file: file, item: "stock.hides", problem: "no hides listed") }
            var list: [Hide] = []
            for (i, h) in hides.enumerated() {
                switch h {
                case .path(let p):
                    let path = try resolve(p, item: "stock.hides[\(i)]")
                    list.append(try PatternFiles.readHide(path: path, displayName: path, kernel: kernel))
                case .inline(let raw):
                    list.append(try StockReader.hide(raw, file: file, item: "stock.hides[\(i)] ", kernel: kernel))
                }
            }
            var seen = Set<String>()
            for h in list where !seen.insert(h.name).inserted {
                throw InputError(file: file, item: "stock.hides", problem: "two hides are named \"\(h.name)\"")
            }
            stock = .hides(list)
        case (nil, let roll?):
            switch roll {
            case .path(let p):
                let path = try resolve(p, item: "stock.roll")
                stock = .roll(try StockReader.readRoll(path: path, displayName: path))
            case .inline(let raw): stock = .roll(try StockReader.roll(raw, file: file, item: "stock.roll "))
            }
        case (nil, nil):
            throw InputError(file: file, item: "stock", problem: "give either \"hides\" or \"roll\"")
        default:
            throw InputError(file: file, item: "stock", problem: "give either \"hides\" or \"roll\", not both")
        }

        guard !raw.order.isEmpty else { throw InputError(file: file, item: "order", problem: "the order is empty") }
        var patterns: [String: Pattern] = [:]
        var patternNotes: [String] = []
        var lines: [OrderLine] = []
        for (i, entry) in raw.order.enumerated() {
            let patternPath: String
            switch entry.pattern {
            case .path(let p): patternPath = try resolve(p, item: "order[\(i)] pattern")
            case .inline(let rawPattern):
                let pattern: Pattern
                do {
                    pattern = try PatternReader.convert(rawPattern, file: file, kernel: kernel)
                } catch let e as InputError {
                    throw InputError(file: file, item: "order[\(i)] pattern \(e.item)", problem: e.problem)
                }
                try checkSizes(entry, of: pattern, line: i, named: entry.source ?? "the inline pattern")
                let pairs = pattern.sizes.compactMap { s in entry.pairCounts[s].map { (size: s, count: $0) } }
                lines.append(OrderLine(patternSource: entry.source ?? "order[\(i)] (inline)", pattern: pattern, pairs: pairs))
                patternNotes += pattern.notes
                continue
            }
            var reading = ImportOptions()
            reading.material = entry.material
            if let u = entry.units {
                guard let unit = LengthUnit(named: u) else {
                    throw InputError(file: file, item: "order[\(i)] units", problem: "units must be mm, cm, m or in, got \"\(u.prefix(20))\"")
                }
                reading.units = unit
            }
            let key = "\(patternPath)\u{0}\(entry.material ?? "")\u{0}\(entry.units ?? "")"
            let pattern: Pattern
            if let cached = patterns[key] {
                pattern = cached
            } else {
                pattern = try PatternFiles.readPattern(path: patternPath, displayName: patternPath, options: reading, kernel: kernel)
                patterns[key] = pattern
                patternNotes += pattern.notes
            }
            try checkSizes(entry, of: pattern, line: i, named: patternPath)
            let pairs = pattern.sizes.compactMap { s in entry.pairCounts[s].map { (size: s, count: $0) } }
            lines.append(OrderLine(patternSource: patternPath, pattern: pattern, pairs: pairs))
        }

        let partCount = lines.reduce(0) { total, line in
            line.pairs.reduce(total) { sum, entry in
                line.pattern.panels.filter { stock.cuts($0.material) }
                    .reduce(sum) { $0 + entry.count * $1.quantityPerPair }
            }
        }
        let otherMaterials = Self.panelsOfOtherMaterials(lines, stock: stock)
        if partCount > InputLimits.current.maxPartsPerJob {
            throw InputError(file: file, item: "order", problem:
                "\(partCount) parts, more than the limit of \(InputLimits.current.maxPartsPerJob) per job: split the order (nest batch runs several jobs) or raise the limit with --max-parts")
        }
        let spacing = ReadPrecision.rounded((raw.spacing ?? 0) * unit.millimetres)
        let margin = ReadPrecision.rounded((raw.margin ?? 0) * unit.millimetres)
        guard spacing.isFinite, spacing >= 0, spacing <= 100 else {
            throw InputError(file: file, item: "spacing", problem: "spacing must be 0 to 100 mm")
        }
        guard margin.isFinite, margin >= 0, margin <= 100 else {
            throw InputError(file: file, item: "margin", problem: "margin must be 0 to 100 mm")
        }
        // A time limit without a budget means: optimize until the limit.
        if let n = raw.iterations, !(0...100_000_000).contains(n) {
            throw InputError(file: file, item: "iterations", problem: "iterations must be 0 to 100000000")
        }
        if let samples = raw.samples, !(1...1_000_000).contains(samples) {
            throw InputError(file: file, item: "samples", problem: "samples must be 1 to 1000000")
        }
        if let t = raw.time_limit, !(t.isFinite && t > 0) {
            throw InputError(file: file, item: "time_limit", problem: "time limit must be a positive number of seconds")
        }
        let name = raw.name ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        // The name becomes the default output folder, Output/<name>: it may not lead elsewhere.
        if name.isEmpty || name.contains("/") || name.contains("\0") || name.hasPrefix(".") {
            throw InputError(file: file, item: "name", problem:
                "\"\(name)\" cannot name an output folder: give a name without \"/\" that does not start with \".\"")
        }
        let search = SearchSettings(parts: partCount).overridden(by: SearchOverrides(
            seed: raw.seed, samples: raw.samples, iterations: raw.iterations, timeLimitSeconds: raw.time_limit))
        var job = Job(name: name, stock: stock, order: lines, spacing: spacing, margin: margin, search: search)
        // A pattern inlined on several order lines carries its notes on each: report them once.
        var seenNotes = Set<String>()
        var hideNotes: [String] = []
        if case .hides(let hides) = stock { hideNotes = hides.flatMap(\.notes) }
        job.notes = (hideNotes + patternNotes + otherMaterials).filter { seenNotes.insert($0).inserted }
        if let rule = raw.same_hide {
            guard let r = SameHideRule(rawValue: rule) else {
                throw InputError(file: file, item: "same_hide", problem:
                    "\"\(rule)\" is not a rule: use \"pair\" (each left/right pair from one hide) or \"shoe\" (every panel of a pair of shoes from one hide)")
            }
            job.sameHide = r
        }
        if let order = raw.hide_order {
            guard let o = HideOrder(rawValue: order) else {
                throw InputError(file: file, item: "hide_order", problem:
                    "\"\(order)\" is not an order: use \"largest_first\" or \"as_listed\"")
            }
            job.hideOrder = o
        }
        if job.parts().isEmpty {
            let materials = job.stock.materials.sorted().joined(separator: ", ")
            throw InputError(file: file, item: "order", problem:
                "the order asks for no parts of the stock's material (\(materials)): every pair count is 0 or no panel is made of it")
        }
        return job
    }

    /// One note per material of the order's panels that the stock does not cut (those
    /// panels are left out of this job, as a job cuts one material), naming the panels,
    /// so that a misspelt material is seen rather than silently dropping its parts.
    static func panelsOfOtherMaterials(_ lines: [OrderLine], stock: Stock) -> [String] {
        var panels: [String: [String]] = [:]
        for line in lines where line.pairs.contains(where: { $0.count > 0 }) {
            for panel in line.pattern.panels where !stock.cuts(panel.material) {
                let name = "\"\(panel.name)\" of \(line.patternSource)"
                if !(panels[panel.material]?.contains(name) ?? false) { panels[panel.material, default: []].append(name) }
            }
        }
        let cut = stock.materials.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        return panels.keys.sorted().map { material in
            let names = panels[material]!
            let listed = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? " and \(names.count - 6) more" : "")
            return "panels of material \"\(material)\" are not cut in this job (its stock is \(cut)): \(listed) — "
                + "give them a job with stock of their own, or correct the material"
        }
    }
}
