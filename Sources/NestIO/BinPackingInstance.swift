import Foundation
import NestGeometry
import NestModel

/// The JSON form of a leather bin-packing instance as jagua-rs distributes the Baldacci
/// sets (`Benchmarks/datasets/baldacci/README.md`): pieces with demands and minimum
/// qualities, hides ("bins") with holes and inferior-quality zones.
struct BinPackingInstanceFile: Decodable {
    struct Shape: Decodable {
        var type: String
        var data: ShapeData
    }

    /// Either a ring (`simple_polygon`) or `{outer, inner}` (`polygon`).
    enum ShapeData: Decodable {
        case ring([[Double]])
        case polygon(outer: [[Double]], inner: [[[Double]]])

        private struct Rings: Decodable {
            var outer: [[Double]]
            var inner: [[[Double]]]?
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let ring = try? c.decode([[Double]].self) {
                self = .ring(ring)
            } else {
                let r = try c.decode(Rings.self)
                self = .polygon(outer: r.outer, inner: r.inner ?? [])
            }
        }
    }

    struct Zone: Decodable {
        var quality: Int
        var shape: Shape
    }

    struct Item: Decodable {
        var id: Int
        var demand: Int
        var min_quality: Int?
        var allowed_orientations: [Double]?
        var shape: Shape
    }

    struct Bin: Decodable {
        var id: Int
        var cost: Double?
        var stock: Int?
        var zones: [Zone]?
        var shape: Shape
    }

    var name: String
    var items: [Item]
    var bins: [Bin]
}

/// Reads a leather bin-packing instance as a hide job. Qualities become grades as the
/// report's checker expects: zone quality 3 → B, 2 → C, 1 → D, 0 a hole; the rest of a
/// hide is A. A piece's `min_quality` m likewise becomes the worst grade it may touch
/// (3 → B, 2 → C, 1 or none → D). Each bin is repeated `stock` times; no spacing or margin.
public enum BinPackingInstanceReader {
    static func recognizes(_ data: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["bins"] != nil && object["items"] != nil && object["format"] == nil
    }

    /// The grade of a quality level (higher quality is better); nil for 0, a hole.
    public static func grade(ofQuality q: Int) -> Grade? {
        switch q {
        case ...0: nil
        case 1: .D
        case 2: .C
        case 3: .B
        default: .A
        }
    }

    static func polygon(_ shape: BinPackingInstanceFile.Shape, rings: inout RingReader, item: String) throws -> Polygon {
        switch shape.data {
        case .ring(let r): return try rings.polygon(outline: r, holes: nil, item: item)
        case .polygon(let outer, let inner): return try rings.polygon(outline: outer, holes: inner, item: item)
        }
    }

    /// A hide outline as scanned: the published instances have small self-intersecting
    /// loops in some outlines. Those are repaired (GEOS MakeValid, keeping the largest
    /// piece) and the repair is reported in `notes`; anything else invalid is an error.
    static func hideOutline(_ shape: BinPackingInstanceFile.Shape, rings: inout RingReader, item: String, file: String,
                            kernel: GeometryKernel, notes: inout [String]) throws -> Polygon {
        do {
            return try polygon(shape, rings: &rings, item: item)
        } catch let error as InputError where error.problem.contains("self-intersection") {
            let outer: [[Double]], inner: [[[Double]]]
            switch shape.data {
            case .ring(let r): (outer, inner) = (r, [])
            case .polygon(let o, let i): (outer, inner) = (o, i)
            }
            let raw = Polygon(outer.map { Point($0[0], $0[1]) }, holes: inner.map { $0.map { Point($0[0], $0[1]) } })
            let pieces = try kernel.makeValid(raw).sorted { $0.area > $1.area }
            guard let largest = pieces.first, largest.area > 0.95 * raw.area else { throw error }
            let dropped = pieces.dropFirst().reduce(0) { $0 + $1.area }
            notes.append("\(file): \(item): outline repaired (\(error.problem)); kept the main piece"
                         + (dropped > 0 ? String(format: ", dropped %.0f units² of loops", dropped) : ""))
            return largest
        }
    }

    static func job(from data: Data, path: String, kernel: GeometryKernel) throws -> Job {
        let raw = try JSONFile.decode(BinPackingInstanceFile.self, from: data, displayName: path)
        guard !raw.items.isEmpty else { throw InputError(file: path, item: "items", problem: "no items") }
        guard !raw.bins.isEmpty else { throw InputError(file: path, item: "bins", problem: "no bins") }
        var rings = RingReader(file: path, scale: 1, kernel: kernel)
        var panels: [Panel] = []
        for (i, item) in raw.items.enumerated() {
            let label = "items[\(i)] (id \(item.id))"
            guard item.demand >= 1, item.demand <= 100_000 else {
                throw InputError(file: path, item: "\(label) demand", problem: "demand must be 1 to 100000")
            }
            let shape = try polygon(item.shape, rings: &rings, item: label)
            let grade = item.min_quality.flatMap(grade(ofQuality:)) ?? .D
            panels.append(Panel(
                name: "item \(item.id)", material: "leather", shape: shape, quantityPerPair: item.demand, mirroredPairs: false,
                grain: GrainRule(directionDegrees: 0, toleranceDegrees: 180, reversible: true), minGrade: grade,
                fixedRotations: item.allowed_orientations))
        }
        var hides: [Hide] = []
        var notes: [String] = []
        for (i, bin) in raw.bins.enumerated() {
            let label = "bins[\(i)] (id \(bin.id))"
            let shape = try hideOutline(bin.shape, rings: &rings, item: label, file: path, kernel: kernel, notes: &notes)
            var zones: [QualityZone] = []
            var holes: [Polygon] = []
            for (k, z) in (bin.zones ?? []).enumerated() {
                let poly = try polygon(z.shape, rings: &rings, item: "\(label) zones[\(k)]")
                if let g = grade(ofQuality: z.quality) {
                    zones.append(QualityZone(grade: g, shape: poly))
                } else {
                    holes.append(poly)
                }
            }
            // Quality-0 zones are holes: cut them out of the outline.
            var outline = shape
            if !holes.isEmpty {
                let cut = try kernel.difference([shape], holes)
                guard cut.count == 1 else {
                    throw InputError(file: path, item: label, problem: "holes split the hide into \(cut.count) pieces")
                }
                outline = cut[0]
            }
            let copies = max(1, bin.stock ?? 1)
            for c in 0..<copies {
                let name = copies == 1 ? "bin \(bin.id)" : "bin \(bin.id) #\(c + 1)"
                hides.append(Hide(name: name, material: "leather", shape: outline, defects: [], zones: zones))
            }
        }
        let pattern = Pattern(model: raw.name, sizeSystem: "", sizes: ["-"], baseSize: "-", grading: Grading(), panels: panels)
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var job = Job(name: name, stock: .hides(hides), order: [OrderLine(patternSource: path, pattern: pattern, pairs: [("-", 1)])],
                      spacing: 0, margin: 0)
        job.notes = notes + rings.notes
        return job
    }
}
