import NestGeometry
import Testing

struct ValueTypeTests {
    @Test func transformMirrorsThenRotatesThenTranslates() {
        let t = Transform(rotationDegrees: 90, mirrored: true, translation: Point(10, 0))
        // (1, 2) → mirror (−1, 2) → rotate 90° (−2, −1) → translate (8, −1)
        #expect(t.apply(Point(1, 2)) == Point(8, -1))
        let r = Transform(rotationDegrees: 30)
        let p = r.apply(Point(3, 4))
        #expect(abs(p.length - 5) < 1e-12)
    }

    @Test func mirroredRingKeepsItsOrientation() {
        let ring = Ring(points: [Point(0, 0), Point(4, 0), Point(0, 3)])
        #expect(ring.isCounterClockwise)
        #expect(ring.transformed(by: Transform(mirrored: true)).isCounterClockwise)
        #expect(ring.area == 6)
    }

    @Test func closedInputDropsTheRepeatedPoint() {
        let ring = Ring(points: [Point(0, 0), Point(1, 0), Point(1, 1), Point(0, 0)])
        #expect(ring.count == 3)
    }

    @Test func poleOfSquareIsItsCentre() {
        let sq = Polygon([Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)])
        let pole = sq.poleOfInaccessibility()
        #expect(pole.point.distance(to: Point(5, 5)) < 0.2)
        #expect(abs(pole.radius - 5) < 0.2)
    }
}
