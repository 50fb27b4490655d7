import NestGeometry
import NestModel

/// How the separator's `PoseSearch` draws the orientation of a sample for one item.
///
/// A part without turns (a grain band no wider than one turn step, fixed or free
/// rotations) draws any of its orientations, uniformly. A part with turns (a wide band,
/// split into angles `stepDegrees` apart, see `GrainRule.refiningRotations`) uses its
/// freedom to refine instead of spreading its samples over the band:
/// - near its pose it keeps its orientation (half the samples), turns by one step (a
///   quarter) or takes any angle of the band (a quarter);
/// - across a roll it takes an aligned orientation (band centre or its reverse, half the
///   samples) or any angle; across a hide, any angle. On hides the aligned half left two
///   A parts out of one of the 19 orders of `Benchmarks/grade_orders.py` (all placed
///   without it), while the open order gained about as much either way (seeds 1–8 at
///   its budget: 70.80 % with it, 70.54 % without, 69.88 % before turns).
///
/// Measured on a 200-part lining roll with ±45° (seeds 1–3): drawing uniformly over the
/// band's centre and ends gave 78.09 % at 1 000 iterations and 78.88 % at 3 000; this
/// draw, with the best pose turned a step either way in `PoseSearch`, 80.22 % and
/// 81.03 %, above the same panels at 0° (79.19 and 80.26 %).
struct OrientationDraw {
    let item: SearchLayout.Item
    let stepDegrees: Double
    let onRoll: Bool
    /// The item's aligned orientations when it has turns; empty without.
    private let aligned: [Int]
    /// The orientations one turn step from the item's own.
    private let besideCurrent: [Int]

    init(item: SearchLayout.Item, stepDegrees: Double, onRoll: Bool) {
        self.item = item
        self.stepDegrees = stepDegrees
        self.onRoll = onRoll
        aligned = item.shapes.contains(where: \.isTurn)
            ? item.shapes.indices.filter { item.shapes[$0].offGrainDegrees < 1e-6 } : []
        besideCurrent = aligned.isEmpty ? [] : Self.neighbours(of: item.orientation, among: item.shapes, step: stepDegrees)
    }

    /// Whether the item has turns (and so draws with them).
    var turns: Bool { !aligned.isEmpty }

    /// The orientations one turn step from `o` (the same band, either side).
    func neighbours(of o: Int) -> [Int] {
        turns ? Self.neighbours(of: o, among: item.shapes, step: stepDegrees) : []
    }

    private static func neighbours(of o: Int, among shapes: [OrientedShape], step: Double) -> [Int] {
        shapes.indices.filter { k in
            k != o && GrainRule.degreesApart(shapes[k].rotationDegrees, shapes[o].rotationDegrees) <= step * 1.01
        }
    }

    /// The orientation of a sample near the item (`near`) or across the container.
    func draw(near: Bool, _ rng: inout SeededGenerator) -> Int {
        let all = UInt64(item.shapes.count)
        guard turns else { return Int(rng.next() % all) }
        let r = rng.next() % 4
        if near {
            if r < 2 { return item.orientation }
            if r == 2, !besideCurrent.isEmpty { return besideCurrent[Int(rng.next() % UInt64(besideCurrent.count))] }
            return Int(rng.next() % all)
        }
        if onRoll, r < 2 { return aligned[Int(rng.next() % UInt64(aligned.count))] }
        return Int(rng.next() % all)
    }
}
