import Foundation
import NestGeometry
import NestModel

/// Reads patterns from SVG: `path` (every command), `polygon`, `polyline`, `rect` (with
/// rounded corners), `circle`, `ellipse`, `line` and `text`, inside nested `g` with
/// `transform` (matrix, translate, scale, rotate, skewX, skewY); the root's `viewBox`
/// and `width`/`height` in mm, cm, in, pt, pc, Q or px (96 per inch) give the scale
/// (only the scale: coordinates keep the user origin, so a pattern keeps its own frame).
/// Without a `viewBox`, one user unit is one px. The y axis is flipped (SVG y runs down,
/// patterns' y up). `use` draws the element it refers to ("#id", in `defs` or anywhere),
/// a `symbol` in the viewport the `use` gives it; a reference to another file, to no
/// element or to itself is refused. `defs`, `symbol`, `clipPath`, `mask`, `marker` and
/// `pattern` are not drawn where they stand.
///
/// Pieces: a `g` with `data-piece-name` (or class `piece`) is one piece; its `data-*`
/// attributes are its system text (`data-size`, `data-quantity`, `data-material`, ...).
/// Elements outside pieces are split by containment like a loose DXF drawing; a loose
/// outline's `id` names it. An element's layer is its first class (`boundary`, `cutout`,
/// `grain`, ...) or its Inkscape layer's label; `data-*` on the root or on other groups
/// are style text. `text` elements with "Key: value" count too.
public enum SVGImporter {
    static let skipped: Set<String> = ["defs", "symbol", "clipPath", "mask", "marker", "pattern", "style", "script",
                                       "metadata", "title", "desc", "linearGradient", "radialGradient", "filter"]

    /// Millimetres per unit of a length, or nil for a unit that is not absolute.
    static func length(_ text: String?) -> Double? {
        guard var t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        var mm = 25.4 / 96
        for (suffix, factor) in [("mm", 1.0), ("cm", 10), ("in", 25.4), ("pt", 25.4 / 72), ("pc", 25.4 / 6), ("px", 25.4 / 96), ("Q", 0.25)]
        where t.hasSuffix(suffix) {
            mm = factor
            t = String(t.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        guard let v = Double(t), v.isFinite, abs(v) < 1e12 else { return nil }
        return v * mm
    }

    static func numbers(_ text: String?) -> [Double] {
        guard let text else { return [] }
        return text.split(whereSeparator: { " ,\t\n\r".contains($0) }).compactMap { Double($0) }.filter { $0.isFinite && abs($0) < 1e12 }
    }

    /// A `transform` attribute as one matrix; nil when it does not parse.
    static func transform(_ text: String) -> Affine? {
        var m = Affine.identity
        var rest = text[...]
        while let open = rest.firstIndex(of: "(") {
            let name = rest[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " ,\t\n\r"))
            guard let close = rest[open...].firstIndex(of: ")") else { return nil }
            let v = numbers(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
            let t: Affine
            switch (name, v.count) {
            case ("matrix", 6): t = Affine(a: v[0], b: v[1], c: v[2], d: v[3], e: v[4], f: v[5])
            case ("translate", 1): t = .translation(v[0], 0)
            case ("translate", 2): t = .translation(v[0], v[1])
            case ("scale", 1): t = .scale(v[0], v[0])
            case ("scale", 2): t = .scale(v[0], v[1])
            case ("rotate", 1): t = .rotation(degrees: v[0])
            case ("rotate", 3): t = .translation(v[1], v[2]) * .rotation(degrees: v[0]) * .translation(-v[1], -v[2])
            case ("skewX", 1): t = Affine(c: tan(v[0] * .pi / 180))
            case ("skewY", 1): t = Affine(b: tan(v[0] * .pi / 180))
            default: return nil
            }
            m = m * t
        }
        guard rest.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, m.isFinite else { return nil }
        return m
    }

    /// How the root's user units map to millimetres, and why (for the note every SVG
    /// import gives, and for messages about implausible sizes).
    struct Scale {
        var transform: Affine
        var millimetresPerUnit: Double
        var source: String
    }

    /// What a root `width` says: an absolute length, pixels (a bare number or `px`,
    /// whose length depends on the exporter), or nothing usable (a percentage, absent).
    enum RootLength {
        case absolute(Double)
        case pixels(Double)
        case unusable(String?)

        init(_ text: String?) {
            guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else {
                self = .unusable(nil)
                return
            }
            let bare = t.hasSuffix("px") ? String(t.dropLast(2)).trimmingCharacters(in: .whitespaces) : t
            if let v = Double(bare), v.isFinite, v > 0 {
                self = .pixels(v)
            } else if let mm = SVGImporter.length(t), mm > 0, !t.hasSuffix("%") {
                self = .absolute(mm)
            } else {
                self = .unusable(t)
            }
        }
    }

    /// User units of the root → pattern millimetres, y up. A size in mm, cm, in, pt, pc or
    /// Q is exact. A size in pixels is read at `--dpi`, or at the exporter's own convention
    /// when the file says which (Inkscape 96 px per inch, Illustrator 72); a drawing whose
    /// pixels have no known length, or that has no usable size, is refused unless
    /// `--dpi` or `--units` says.
    static func scale(_ svg: XMLNode, data: Data, options: ImportOptions, file: String) throws -> Scale {
        let flip = Affine.scale(1, -1)
        func uniform(_ mm: Double, _ why: String) -> Scale {
            Scale(transform: flip * .scale(mm, mm), millimetresPerUnit: mm,
                  source: "1 user unit = \(DecimalText.trimmed(mm, decimals: 6)) mm, \(why)")
        }
        if let unit = options.units { return uniform(unit.millimetres, "from --units \(unit.rawValue)") }
        let box = numbers(svg.attribute("viewBox"))
        if box.count == 4, !(box[2] > 0 && box[3] > 0) {
            throw InputError(file: file, item: "svg viewBox", problem: "viewBox width and height must be positive")
        }
        let viewBox = box.count == 4 ? (w: box[2], h: box[3]) : nil
        // The length of a pixel, and why.
        let pixel: (mm: Double, why: String)?
        if let dpi = options.dpi {
            pixel = (25.4 / dpi, "at --dpi \(DecimalText.trimmed(dpi, decimals: 3))")
        } else if svg.attribute("inkscape:version") != nil || svg.attribute("sodipodi:docname") != nil {
            pixel = (25.4 / 96, "at Inkscape's 96 px per inch")
        } else if data.range(of: Data("Adobe Illustrator".utf8)) != nil {
            pixel = (25.4 / 72, "at Illustrator's 72 px per inch")
        } else {
            pixel = nil
        }
        let width = RootLength(svg.attribute("width")), height = RootLength(svg.attribute("height"))
        func refuse(_ what: String) -> InputError {
            InputError(file: file, item: "line \(svg.line) <svg>", problem: "\(what): a pixel has no fixed length "
                + "(Illustrator writes 72 per inch, Inkscape and browsers 96, Affinity the document's DPI); give --dpi or --units")
        }
        // Millimetres of the root's width and height, when known.
        func millimetres(_ l: RootLength, _ name: String) throws -> (mm: Double, why: String)? {
            switch l {
            case .absolute(let mm): return (mm, "\(name)=\"\(svg.attribute(name) ?? "")\"")
            case .pixels(let v):
                guard let pixel else { throw refuse("the drawing's \(name) is \"\(svg.attribute(name) ?? "")\", in pixels") }
                return (v * pixel.mm, "\(name)=\"\(svg.attribute(name) ?? "")\" \(pixel.why)")
            case .unusable: return nil
            }
        }
        guard let viewBox else {
            // No viewBox: a user unit is one CSS pixel.
            guard let pixel else {
                if case .absolute = width {
                    return uniform(25.4 / 96, "the SVG rule for a drawing with a width but no viewBox (1 user unit = 1 px = 1/96 in)")
                }
                throw refuse("the drawing has no viewBox and no absolute size, so its user units are pixels")
            }
            return uniform(pixel.mm, pixel.why)
        }
        let w = try millimetres(width, "width"), h = try millimetres(height, "height")
        guard let w = w ?? h.map({ (mm: $0.mm / viewBox.h * viewBox.w, why: $0.why) }),
              let h = h ?? Optional(w).map({ (mm: $0.mm / viewBox.w * viewBox.h, why: $0.why) }) else {
            if let pixel {
                return uniform(pixel.mm, "(viewBox units as pixels, the size \(svg.attribute("width").map { "\"\($0)\"" } ?? "absent")) \(pixel.why)")
            }
            let said = svg.attribute("width").map { "width=\"\($0)\"" } ?? "no width or height"
            throw InputError(file: file, item: "line \(svg.line) <svg>", problem:
                "the drawing has no usable size (\(said)): nothing says how long a user unit is; give --units (e.g. mm) or --dpi")
        }
        var sx = w.mm / viewBox.w, sy = h.mm / viewBox.h
        if !(svg.attribute("preserveAspectRatio") ?? "").hasPrefix("none") {
            sx = min(sx, sy)
            sy = sx
        }
        // The viewBox gives the scale only: coordinates keep the SVG user origin, so a
        // pattern written with its own frame reads back in that frame.
        return Scale(transform: flip * .scale(sx, sy), millimetresPerUnit: sx,
                     source: "1 user unit = \(DecimalText.trimmed(sx, decimals: 6)) mm, from \(w.why) over the viewBox's \(DecimalText.trimmed(viewBox.w, decimals: 3)) units")
    }

    /// The pattern file an SVG drawing describes, and every problem found on the way.
    static func patternFile(data: Data, file: String, options: ImportOptions, kernel: GeometryKernel) throws -> (PatternFile, [InputError]) {
        let root = try XMLScanner.parse(data, file: file)
        guard root.name == "svg" || root.name.hasSuffix(":svg") else {
            throw InputError(file: file, item: "line \(root.line)", problem: "the root element is <\(root.name)>, not <svg>")
        }
        var walker = Walker(file: file, options: options, root: root)
        var loose = Drawing()
        let scale = try scale(root, data: data, options: options, file: file)
        walker.walk(root, transform: scale.transform, layer: "0", into: &loose, depth: 0)
        var sources = walker.sources
        var style = walker.style
        if loose.contours.isEmpty { style += loose.labels } else { sources.append(.init(drawing: loose, name: nil, item: "<svg>")) }
        var imageNotes: [String] = []
        if let images = walker.images {
            let what = images.count == 1 ? "an embedded image (a scan or photo)" : "\(images.count) embedded images (scans or photos)"
            guard !sources.isEmpty else {
                throw InputError(file: file, item: images.first, problem: "the drawing holds \(what) and no outline: nest reads vector "
                    + "outlines and does not trace images; trace the pieces as paths first (in Inkscape: Path ▸ Trace Bitmap)")
            }
            imageNotes.append("\(file): \(images.first): \(what) not read: images are not traced, only the drawn outlines are pieces")
        }
        var assembler = PatternAssembler(file: file, options: options, kernel: kernel)
        var pattern = assembler.pattern(sources: sources, styleLabels: style, model: DXFImporter.baseName(file))
        pattern.notes.insert(contentsOf: ["\(file): read at \(scale.source)"] + walker.allNotes + imageNotes, at: 0)
        pattern.sourceUnits = scale.source
        pattern.sourceMillimetresPerUnit = scale.millimetresPerUnit
        return (pattern, walker.problems + assembler.problems)
    }

    /// Reads a pattern from an SVG file into a validated `Pattern`.
    public static func readPattern(path: String, displayName: String, options: ImportOptions = ImportOptions(),
                                   kernel: GeometryKernel) throws -> Pattern {
        let (raw, problems) = try patternFile(data: try DXFImporter.load(path: path, displayName: displayName), file: displayName,
                                              options: options, kernel: kernel)
        return try ImportedPattern.validated(raw, problems: problems, file: displayName, kernel: kernel)
    }
}
