import NestCollision
import NestGeometry
import NestModel
import Testing

@testable import NestEngine

/// The walls a hide is compressed under: each keeps the half-plane a step inside the parts'
/// outermost edge on its side, and reaches past the hide on the other three.
struct WallSideTests {
    /// A layout of two squares: 100 mm at (200, 100) and 50 mm at (700, 350).
    static func layout() -> SearchLayout {
        var layout = SearchLayout(items: [], width: 1000, margin: 0, length: 1000, maxLength: 1000, cell: 40)
        for (k, (side, at)) in [(100.0, Point(200, 100)), (50.0, Point(700, 350))].enumerated() {
            let pts = [Point(0, 0), Point(side, 0), Point(side, side), Point(0, side)]
            let poly = Polygon(exterior: Ring(points: pts), holes: [])
            let shape = CollisionPolygon(points: pts, circles: poly.inscribedCircles())
            let oriented = OrientedShape(rotationDegrees: 0, mirrored: false, body: shape, spaced: shape, pole: .zero,
                                         poleRadius: 0, poles: shape.circles, area: poly.area, diameter: side * 2.0.squareRoot(),
                                         samples: [], isTurn: false, offGrainDegrees: 0, contactGap: 2e-12)
            let part = Part(id: k, panel: "square", size: "1", side: .none, material: "leather", shape: poly,
                            grain: GrainRule(directionDegrees: 0, toleranceDegrees: 0, reversible: false), minGrade: .D, orderLine: 0)
            layout.append(SearchLayout.Item(part: part, shapes: [oriented], orientation: 0, position: at))
        }
        return layout
    }

    @Test func eachWallKeepsTheHalfPlaneAStepInsideThePartsOnItsSide() {
        let box = Rect(minX: 0, minY: 0, maxX: 1000, maxY: 500)
        let layout = Self.layout()
        // Parts span x 200...750 and y 100...400; a step of 2 % is 20 mm across x, 10 mm across y.
        let expected: [WallSide: Rect] = [
            .top: Rect(minX: -1, minY: -1, maxX: 1001, maxY: 390),
            .bottom: Rect(minX: -1, minY: 110, maxX: 1001, maxY: 501),
            .right: Rect(minX: -1, minY: -1, maxX: 730, maxY: 501),
            .left: Rect(minX: 220, minY: -1, maxX: 1001, maxY: 501),
        ]
        for side in WallSide.allCases {
            let kept = side.keptSide(of: layout, in: box, step: 0.02)
            let b = kept.bounds, e = expected[side]!
            #expect(abs(b.minX - e.minX) < 1e-9 && abs(b.minY - e.minY) < 1e-9 && abs(b.maxX - e.maxX) < 1e-9
                    && abs(b.maxY - e.maxY) < 1e-9, "\(side): \(b)")
            #expect(abs(kept.area - b.width * b.height) < 1e-6, "\(side): a rectangle")
        }
    }

    @Test func theDefaultCompressesFromEverySideTopFirst() {
        let sides = NestConfiguration().hides.compressionSides
        #expect(sides.first == .top)
        #expect(Set(sides) == Set(WallSide.allCases))
    }
}
