import NestGeometry
import NestModel
import Testing
@testable import NestToolpath

struct ContourTests {
    @Test func holesPrecedeTheirOutline() {
        let outline = CutContour(placement: 0, ring: 0, kind: .outline, points: [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)])
        let hole = CutContour(placement: 0, ring: 1, kind: .hole, points: [Point(4, 4), Point(4, 6), Point(6, 6)])
        #expect(CutContour.predecessors(of: [hole, outline]) == [[], [0]])
    }
}
