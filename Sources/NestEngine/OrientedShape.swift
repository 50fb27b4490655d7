import NestCollision
import NestGeometry
import NestModel

/// A part's collision shapes in one orientation (mirror and rotation applied, no
/// translation), ready for native queries.
///
/// `body` contains the part's outline (simplified outward), for the stock tests;
/// `spaced` contains the outline grown by half the spacing, for part–part tests. Both
/// only ever over-approximate, so a position they accept is feasible.
struct OrientedShape: Sendable {
    let rotationDegrees: Double
    let mirrored: Bool
    let body: CollisionPolygon
    let spaced: CollisionPolygon
}

/// Builds (with GEOS) and caches the collision shapes of every distinct part shape.
final class ShapeLibrary {
    private struct Key: Hashable {
        let shape: Polygon
        let mirrored: Bool
    }

    private let kernel: GeometryKernel
    private let spacing: Double
    private let config: NestConfiguration
    private var base: [Key: (body: Polygon, spaced: Polygon)] = [:]

    init(kernel: GeometryKernel, spacing: Double, config: NestConfiguration) {
        self.kernel = kernel
        self.spacing = spacing
        self.config = config
    }

    /// The part's shapes in the pattern frame after mirroring (before rotation).
    private func baseShapes(_ part: Part) throws -> (body: Polygon, spaced: Polygon) {
        let key = Key(shape: part.shape, mirrored: part.side.isMirrored)
        if let hit = base[key] { return hit }
        let filled = part.shape.filled.transformed(by: Transform(mirrored: part.side.isMirrored))
        let body = try kernel.simplifyOutward(filled, tolerance: config.simplifyTolerance)
        var spaced = body
        if spacing > 0 {
            let grown = try kernel.offset([filled], by: spacing / 2, quadrantSegments: config.quadrantSegments)
            guard grown.count == 1 else { throw GeometryError(operation: "spacing offset", message: "offset of \(part.label) is not one polygon") }
            spaced = try kernel.simplifyOutward(grown[0], tolerance: config.simplifyTolerance)
        }
        base[key] = (body, spaced)
        return (body, spaced)
    }

    /// Every orientation the grain rule allows on a stock whose grain runs at `stockGrain`.
    func orientations(of part: Part, stockGrainDegrees: Double) throws -> [OrientedShape] {
        let shapes = try baseShapes(part)
        let rotations = part.grain.allowedRotations(stockGrainDegrees: stockGrainDegrees, mirrored: part.side.isMirrored,
                                                    steps: config.rotationsPerBand)
        var seen = Set<Double>()
        return rotations.filter { seen.insert($0).inserted }.map { angle in
            let t = Transform(rotationDegrees: angle)
            return OrientedShape(rotationDegrees: angle, mirrored: part.side.isMirrored,
                                 body: CollisionPolygon(shapes.body.exterior.transformed(by: t)),
                                 spaced: CollisionPolygon(shapes.spaced.exterior.transformed(by: t)))
        }
    }
}
