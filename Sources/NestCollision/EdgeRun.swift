import NestGeometry

/// A run of up to eight consecutive edges of a `CollisionPolygon`, in its frame: the run's
/// box, and each edge's box side by side in the lanes of four vectors, so that one
/// comparison asks all eight edges whether their boxes meet another.
///
/// Lane `k` is the run's `k`-th edge; lanes past the outline's last edge hold an empty box
/// (`+∞` low, `−∞` high), which meets nothing. Placing a box by adding an offset to its
/// sides gives exactly the box of the placed edge (rounding is monotone, so the least of
/// two rounded sums is the rounded sum of the least), so a test on placed lanes answers as
/// one on the placed points would.
public struct EdgeRun: Sendable, Hashable {
    /// Edges per run: the lanes of the vectors below.
    public static let width = SIMD8<Double>.scalarCount
    /// The box of the run's edges.
    public let box: Rect
    /// Each edge's box, lane `k` for the run's `k`-th edge: its least and greatest x and y.
    public let minX: SIMD8<Double>, maxX: SIMD8<Double>, minY: SIMD8<Double>, maxY: SIMD8<Double>

    /// The runs of the closed outline through `points` (edge `i` from the point before
    /// `points[i]`, the last for edge 0, to `points[i]`).
    static func runs(of points: [Point]) -> [EdgeRun] {
        let n = points.count, lanes = width
        guard n > 0 else { return [] }
        return stride(from: 0, to: n, by: lanes).map { start in
            var minX = SIMD8<Double>(repeating: .infinity), minY = minX
            var maxX = SIMD8<Double>(repeating: -.infinity), maxY = maxX
            for i in start..<min(start + lanes, n) {
                let p1 = points[i == 0 ? n - 1 : i - 1], p2 = points[i]
                minX[i - start] = min(p1.x, p2.x)
                maxX[i - start] = max(p1.x, p2.x)
                minY[i - start] = min(p1.y, p2.y)
                maxY[i - start] = max(p1.y, p2.y)
            }
            let box = Rect(enclosing: [points[start == 0 ? n - 1 : start - 1]] + points[start..<min(start + lanes, n)])
            return EdgeRun(box: box, minX: minX, maxX: maxX, minY: minY, maxY: maxY)
        }
    }

    /// The lanes whose edge box, placed at `offset`, meets the box from (`lowX`, `lowY`)
    /// to (`highX`, `highY`), sides included: bit `k` set for lane `k`.
    @inline(__always)
    func lanes(at offset: Point, meetingX lowX: Double, _ highX: Double, y lowY: Double, _ highY: Double) -> UInt8 {
        let met = (maxX + offset.x .>= lowX) .& (minX + offset.x .<= highX)
            .& (maxY + offset.y .>= lowY) .& (minY + offset.y .<= highY)
        return UInt8(truncatingIfNeeded: SIMD8<Int64>(repeating: 0).replacing(with: Self.laneBits, where: met).wrappedSum())
    }

    private static let laneBits = SIMD8<Int64>(1, 2, 4, 8, 16, 32, 64, 128)
}
