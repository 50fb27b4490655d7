import Foundation
import NestGeometry
import NestModel

/// The JSON form of a strip-packing benchmark instance as the ESICUP sets are
/// distributed by jagua-rs / sparrow (`Benchmarks/datasets/esicup/README.md`).
struct StripInstanceFile: Decodable {
    struct Shape: Decodable {
        var type: String
        var data: [[Double]]
    }

    struct Item: Decodable {
        var id: Int
        var demand: Int
        var allowed_orientations: [Double]?
        var shape: Shape
    }

    var name: String
    var strip_height: Double
    var items: [Item]
}

/// Reads a strip-packing instance as a roll job: the strip height is the roll width, each
/// item type a panel with its demand and allowed orientations (absent = any rotation),
/// no spacing, no margin. Coordinates are taken as millimetres.
public enum StripInstanceReader {
    /// True when the JSON document at `data` looks like a strip-packing instance.
    static func recognizes(_ data: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["strip_height"] != nil && object["items"] != nil && object["format"] == nil
    }

    static func job(from data: Data, path: String, kernel: GeometryKernel) throws -> Job {
        let raw = try JSONFile.decode(StripInstanceFile.self, from: data, displayName: path)
        guard raw.strip_height.isFinite, raw.strip_height > 0 else {
            throw InputError(file: path, item: "strip_height", problem: "must be a positive number")
        }
        guard !raw.items.isEmpty else { throw InputError(file: path, item: "items", problem: "no items") }
        var rings = RingReader(file: path, scale: 1, kernel: kernel)
        var panels: [Panel] = []
        var lengthBound = 0.0
        for (i, item) in raw.items.enumerated() {
            let label = "items[\(i)] (id \(item.id))"
            guard item.shape.type == "simple_polygon" else {
                throw InputError(file: path, item: "\(label) shape", problem: "unsupported shape type \"\(item.shape.type)\"")
            }
            guard item.demand >= 1, item.demand <= 100_000 else {
                throw InputError(file: path, item: "\(label) demand", problem: "demand must be 1 to 100000")
            }
            let shape = try rings.polygon(outline: item.shape.data, holes: nil, item: label)
            let rotations = item.allowed_orientations
            if let r = rotations, r.isEmpty || r.contains(where: { !$0.isFinite }) {
                throw InputError(file: path, item: "\(label) allowed_orientations", problem: "must list finite angles")
            }
            let b = shape.bounds
            lengthBound += Double(item.demand) * max(b.width, b.height)
            panels.append(Panel(
                name: "item \(item.id)", material: "strip", shape: shape, quantityPerPair: item.demand, mirroredPairs: false,
                grain: GrainRule(directionDegrees: 0, toleranceDegrees: 180, reversible: true), minGrade: .D,
                fixedRotations: rotations))
        }
        let pattern = Pattern(model: raw.name, sizeSystem: "", sizes: ["-"], baseSize: "-", grading: Grading(), panels: panels)
        let roll = Roll(name: "strip \(raw.name)", material: "strip", width: raw.strip_height, maxLength: lengthBound * 1.05)
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var job = Job(name: name, stock: .roll(roll), order: [OrderLine(patternSource: path, pattern: pattern, pairs: [("-", 1)])],
                      spacing: 0, margin: 0)
        job.notes = rings.notes
        return job
    }
}
