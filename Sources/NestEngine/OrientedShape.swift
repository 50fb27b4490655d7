import Foundation
import NestCollision
import NestGeometry
import NestModel

/// A part's collision shapes in one orientation (mirror and rotation applied, no
/// translation), ready for native queries.
///
/// `body` contains the part's outline (simplified outward), for the stock tests;
/// `spaced` contains the outline grown by half the spacing less `ShapeLibrary.spacingSlack`,
/// for part–part tests — or, without spacing, the body drawn `ShapeLibrary.touchingInset`
/// inside itself, so parts may touch. A position they accept is feasible: the body only
/// over-approximates, and two spaced shapes that do not meet leave at most a sliver (or
/// a shortfall of the spacing) far under the final check's tolerance.
///
/// Immutable and shared by reference: the search loops copy shapes constantly, and a
/// reference costs one retain where the shape's seven arrays would cost seven.
final class OrientedShape: Sendable {
    let rotationDegrees: Double
    let mirrored: Bool
    let body: CollisionPolygon
    let spaced: CollisionPolygon
    /// Centre and radius of the body's largest inscribed circle (approximately), in the
    /// same frame: where the shape has most room, used to aim samples into gaps.
    let pole: Point
    let poleRadius: Double
    /// Disjoint inscribed circles of the spacing shape: the overlap surrogate.
    let poles: [Circle]
    /// Area of the spacing shape and the diagonal of its bounding box (for the penalty).
    let area: Double
    let diameter: Double
    /// Points spread evenly over the part's outline (each an equal share of its area):
    /// what the placement score reads the leather under the part at.
    let samples: [Point]
    /// An angle inside a grain band between the ones the first nest tries: only the
    /// separator's turns reach it (see `GrainRule.refiningRotations`). Such shapes come
    /// after the first nest's in a part's list, so the first nest's indices are theirs.
    let isTurn: Bool
    /// How far the rotation lies from the nearest aligned one (band centre), in degrees;
    /// 0 for free and fixed rotations.
    let offGrainDegrees: Double
    /// How far apart (mm) the moves that lay a part against another put their spacing
    /// shapes: twice `ShapeLibrary.touchingInset`, so that without spacing the bodies meet
    /// edge to edge, and rounding as the parts move never makes the shapes meet.
    let contactGap: Double

    /// `poles` in lanes of eight for the overlap penalty (`OverlapPenalty.pair`): for each
    /// group of eight poles, their centres' x, their centres' y and their radii, in single
    /// precision (centres in the part's pattern frame, rotated, not translated); the lanes
    /// past the last pole hold zeros, whose terms the penalty multiplies by a zero radius.
    let poleLanes: [SIMD8<Float>]

    /// Interior samples kept per part shape.
    static let sampleCount = 24

    init(rotationDegrees: Double, mirrored: Bool, body: CollisionPolygon, spaced: CollisionPolygon, pole: Point,
         poleRadius: Double, poles: [Circle], area: Double, diameter: Double, samples: [Point], isTurn: Bool,
         offGrainDegrees: Double, contactGap: Double) {
        self.rotationDegrees = rotationDegrees
        self.mirrored = mirrored
        self.body = body
        self.spaced = spaced
        self.pole = pole
        self.poleRadius = poleRadius
        self.poles = poles
        self.area = area
        self.diameter = diameter
        self.samples = samples
        self.isTurn = isTurn
        self.offGrainDegrees = offGrainDegrees
        self.contactGap = contactGap
        self.poleLanes = Self.lanes(of: poles)
    }

    /// `circles` as lanes of eight: x, y, radius per group, zeros past the last circle.
    static func lanes(of circles: [Circle]) -> [SIMD8<Float>] {
        var lanes: [SIMD8<Float>] = []
        lanes.reserveCapacity(3 * ((circles.count + 7) / 8))
        for start in stride(from: 0, to: circles.count, by: 8) {
            var x = SIMD8<Float>(), y = SIMD8<Float>(), r = SIMD8<Float>()
            for l in 0..<min(8, circles.count - start) {
                x[l] = Float(circles[start + l].center.x)
                y[l] = Float(circles[start + l].center.y)
                r[l] = Float(circles[start + l].radius)
            }
            lanes += [x, y, r]
        }
        return lanes
    }
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
    private var base: [Key: BaseShapes] = [:]
    /// The orientations made so far, per base shape, rule and stock grain: equal parts share
    /// one array (and its polygons), however many of them lie on the sheets.
    private var oriented: [OrientationsKey: [OrientedShape]] = [:]
    /// Rotations inside a grain band, between the sampled ones, that a part fits the stock
    /// at when none of those does (`fittingRotation`): added to its first nest's.
    private var extraRotations: [OrientationsKey: [Double]] = [:]

    private struct OrientationsKey: Hashable {
        let base: Key
        let grain: GrainRule
        let fixedRotations: [Double]?
        let stockGrainDegrees: Double
    }

    private struct BaseShapes {
        let body: Polygon
        let spaced: Polygon
        let pole: Point
        let radius: Double
        let poles: [Circle]
        let samples: [Point]
    }

    /// How far inside a part its part–part collision shape lies when the job has no
    /// spacing (mm): what lets parts touch. Eight units in the last place of the stock's
    /// largest extent, and at least 10⁻¹² mm: a vertex's coordinate on the sheet is rounded
    /// to that last place, so whether two shapes meet can change with where they lie by a
    /// unit or two — far less than the room between two parts laid in contact (twice
    /// this, `OrientedShape.contactGap`), so moving parts together never makes them meet.
    /// Two parts may overlap by up to twice this: a sliver of some 10⁻¹¹ mm times their
    /// common edge on a 30 m marker, which the final check allows for (see
    /// `FeasibilityVerifier`).
    let touchingInset: Double

    /// The inset for stock whose largest extent is `extent` mm.
    static func touchingInset(forExtent extent: Double) -> Double {
        max(1e-12, 8 * max(1, extent).ulp)
    }

    /// How much closer than `spacing` two parts' spacing shapes let them come (mm): each is
    /// drawn between this and half of it inside half the spacing (where its outline is
    /// straight; a curve's simplification adds more), so that two parts exactly the spacing
    /// apart do not collide, and two parts whose spacing shapes do not meet are at least
    /// `spacing` less twice this apart. 2·10⁻⁵ mm, or 1 % of half the spacing when that is
    /// less; the final check allows 10⁻⁴ mm (`FeasibilityVerifier`).
    static func spacingSlack(_ spacing: Double) -> Double {
        min(2e-5, 0.005 * spacing)
    }

    init(kernel: GeometryKernel, spacing: Double, config: NestConfiguration, extent: Double = 0) {
        touchingInset = Self.touchingInset(forExtent: extent)
        self.kernel = kernel
        self.spacing = spacing
        self.config = config
    }

    /// The part's shapes in the pattern frame after mirroring (before rotation).
    private func baseShapes(_ part: Part) throws -> BaseShapes {
        let key = Key(shape: part.shape, mirrored: part.side.isMirrored)
        if let hit = base[key] { return hit }
        let filled = part.shape.filled.transformed(by: Transform(mirrored: part.side.isMirrored))
        let body = try kernel.simplifyOutward(filled, tolerance: config.simplifyTolerance)
        // Without spacing, parts may touch: their part–part shapes lie a hair inside them,
        // so two parts edge to edge (a row filling the roll's width exactly) do not collide.
        var spaced = Polygon(exterior: body.exterior.inset(by: touchingInset))
        if spacing > 0 {
            // Drawn a hair inside half the spacing, so that parts exactly the spacing apart
            // (a row of bands filling the roll's width, the spacing between them) do not meet.
            let slack = Self.spacingSlack(spacing)
            let grown = try kernel.coveringOffset(filled, by: spacing / 2 - slack, slack: slack,
                                                  quadrantSegments: config.quadrantSegments)
            guard grown.count == 1 else { throw GeometryError(operation: "spacing offset", message: "offset of \(part.label) is not one polygon") }
            spaced = try kernel.simplifyOutward(grown[0], tolerance: config.simplifyTolerance)
        }
        let pole = filled.poleOfInaccessibility()
        let shapes = BaseShapes(body: body, spaced: spaced, pole: pole.point, radius: pole.radius,
                                poles: spaced.inscribedCircles(), samples: filled.interiorSamples(target: OrientedShape.sampleCount))
        base[key] = shapes
        return shapes
    }

    /// The rotation (degrees, in [0, 360)) after which `body` is least tall: its minimum
    /// width (GEOS) turned to lie along y. Nil when it has no width.
    private func narrowestRotation(of body: Polygon) throws -> Double? {
        guard let (from, to) = try kernel.minimumWidth([body]) else { return nil }
        let across = to - from
        // Rounded to a millionth of a degree, so the same outline always gives the same angle.
        return GrainRule.normalized(((90 - atan2(across.y, across.x) * 180 / .pi) * 1e6).rounded() / 1e6)
    }

    /// Every orientation the grain rule allows on a stock whose grain runs at `stockGrain`.
    func orientations(of part: Part, stockGrainDegrees: Double) throws -> [OrientedShape] {
        let key = orientationsKey(of: part, stockGrainDegrees: stockGrainDegrees)
        if let hit = oriented[key] { return hit }
        let made = try makeOrientations(of: part, stockGrainDegrees: stockGrainDegrees)
        oriented[key] = made
        return made
    }

    private func orientationsKey(of part: Part, stockGrainDegrees: Double) -> OrientationsKey {
        OrientationsKey(base: Key(shape: part.shape, mirrored: part.side.isMirrored), grain: part.grain,
                        fixedRotations: part.fixedRotations, stockGrainDegrees: stockGrainDegrees)
    }

    /// A rotation inside `part`'s grain bands, sampled every `config.firstNest.bandFitStep`
    /// degrees, at which its body's box fits inside `bounds` — the one leaving it the most
    /// room — or nil; only for a grain band (not free rotation or fixed rotations). Where the
    /// part fits the stock only between the sampled angles (a panel nearly as wide as the
    /// roll, at one angle), the orientation is added to its first nest's
    /// (`allowRotation`): without it the job would be refused as too large.
    func fittingRotation(of part: Part, stockGrainDegrees: Double, inside bounds: Rect) throws -> Double? {
        guard part.fixedRotations == nil, part.grain.toleranceDegrees > 0, part.grain.toleranceDegrees < 180 else { return nil }
        let points = try baseShapes(part).body.exterior.points
        let steps = Int((2 * part.grain.toleranceDegrees / config.firstNest.bandFitStep).rounded(.up)) + 1
        // Each angle with the share of the bounds its box takes the more of either way.
        let fill = part.grain.allowedRotations(stockGrainDegrees: stockGrainDegrees, mirrored: part.side.isMirrored, steps: steps)
            .map { angle -> (angle: Double, share: Double) in
                let t = Transform(rotationDegrees: angle)
                let box = Rect(enclosing: points.map(t.apply))
                return (angle, max(box.width / bounds.width, box.height / bounds.height))
            }
        return fill.filter { $0.share <= 1 }.min { $0.share != $1.share ? $0.share < $1.share : $0.angle < $1.angle }?.angle
    }

    /// Adds `rotation` to the orientations `part`'s first nest tries on stock whose grain
    /// runs at `stockGrainDegrees` (after the others, so their indices stay).
    func allowRotation(_ rotation: Double, for part: Part, stockGrainDegrees: Double) {
        let key = orientationsKey(of: part, stockGrainDegrees: stockGrainDegrees)
        guard !(extraRotations[key] ?? []).contains(rotation) else { return }
        extraRotations[key, default: []].append(rotation)
        oriented[key] = nil
    }

    private func makeOrientations(of part: Part, stockGrainDegrees: Double) throws -> [OrientedShape] {
        let shapes = try baseShapes(part)
        let wideBand = part.fixedRotations == nil && part.grain.toleranceDegrees < 180
            && part.grain.toleranceDegrees > config.firstNest.bandEndsUpToDegrees
        let rotations: [Double]
        if let fixed = part.fixedRotations {
            rotations = fixed.map(GrainRule.normalized)
        } else if part.grain.toleranceDegrees >= 180 {
            // Any rotation: an even sample of the circle, and the two that lay the part's
            // narrowest extent across the stock (a long part on a narrow roll may fit no other).
            let even = (0..<config.firstNest.freeRotations).map { Double($0) * 360 / Double(config.firstNest.freeRotations) }
            let narrowest = try narrowestRotation(of: shapes.body).map { [$0, GrainRule.normalized($0 + 180)] } ?? []
            rotations = even + narrowest
        } else {
            rotations = part.grain.allowedRotations(stockGrainDegrees: stockGrainDegrees, mirrored: part.side.isMirrored,
                                                    steps: wideBand ? 1 : config.firstNest.rotationsPerBand)
        }
        var turns: [Double] = []
        var centres: [Double] = []
        if part.fixedRotations == nil, part.grain.toleranceDegrees < 180 {
            // The first nest leaves a wide band's ends out: they are turns like the rest.
            turns = part.grain.refiningRotations(stockGrainDegrees: stockGrainDegrees, mirrored: part.side.isMirrored,
                                                 stepDegrees: config.separator.turnStepDegrees, includingEnds: wideBand)
            centres = part.grain.centres(stockGrainDegrees: stockGrainDegrees, mirrored: part.side.isMirrored)
        }
        func offGrain(_ angle: Double) -> Double { centres.map { GrainRule.degreesApart(angle, $0) }.min() ?? 0 }
        var seen = Set<Double>()
        let extra = extraRotations[orientationsKey(of: part, stockGrainDegrees: stockGrainDegrees)] ?? []
        let first = (rotations + extra).filter { seen.insert($0).inserted }
        let refining = turns.filter { seen.insert($0).inserted }
        return (first.map { ($0, false) } + refining.map { ($0, true) }).map { angle, isTurn in
            let t = Transform(rotationDegrees: angle)
            let poles = shapes.poles.map { Circle(center: t.apply($0.center), radius: $0.radius) }
            return OrientedShape(rotationDegrees: angle, mirrored: part.side.isMirrored,
                                 body: CollisionPolygon(shapes.body.exterior.transformed(by: t)),
                                 spaced: CollisionPolygon(shapes.spaced.exterior.transformed(by: t), circles: poles),
                                 pole: t.apply(shapes.pole), poleRadius: shapes.radius,
                                 poles: poles,
                                 area: shapes.spaced.area,
                                 diameter: (shapes.spaced.bounds.width * shapes.spaced.bounds.width
                                            + shapes.spaced.bounds.height * shapes.spaced.bounds.height).squareRoot(),
                                 samples: shapes.samples.map(t.apply),
                                 isTurn: isTurn, offGrainDegrees: offGrain(angle), contactGap: 2 * touchingInset)
        }
    }
}
