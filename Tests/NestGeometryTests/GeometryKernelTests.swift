import Foundation
import NestGeometry
import Testing

/// The GEOS wrapper against areas and predicates known by hand.
struct GeometryKernelTests {
    let kernel: GeometryKernel

    init() throws { kernel = try GeometryKernel() }

    static func square(_ x: Double, _ y: Double, _ s: Double) -> [Point] {
        [Point(x, y), Point(x + s, y), Point(x + s, y + s), Point(x, y + s)]
    }

    @Test func areaOfSquareWithHole() throws {
        let p = Polygon(Self.square(0, 0, 10), holes: [Self.square(2, 2, 3)])
        #expect(try kernel.area(p) == 91)
        #expect(p.area == 91)
    }

    @Test func orientationIsNormalized() {
        let p = Polygon(Self.square(0, 0, 10).reversed(), holes: [Self.square(2, 2, 3)])
        #expect(p.exterior.isCounterClockwise)
        #expect(!p.holes[0].isCounterClockwise)
    }

    @Test func validityNamesTheSelfIntersection() throws {
        let bowtie = Polygon([Point(0, 0), Point(10, 10), Point(10, 0), Point(0, 10)])
        let problem = try #require(try kernel.validityProblem(bowtie))
        #expect(problem.reason.lowercased().contains("self-intersection"))
        #expect(problem.location == Point(5, 5))
        #expect(try kernel.validityProblem(Polygon(Self.square(0, 0, 1))) == nil)
    }

    @Test func holeOutsideShellIsInvalid() throws {
        let p = Polygon(Self.square(0, 0, 10), holes: [Self.square(20, 20, 3)])
        #expect(try kernel.validityProblem(p) != nil)
    }

    @Test func conservativeOffsetContainsTheExactOffset() throws {
        // Exact offset of a 10 mm square by 1 mm: 100 + 4·10 + π.
        let grown = try kernel.offset([Polygon(Self.square(0, 0, 10))], by: 1, quadrantSegments: 4)
        let exact = 100 + 40 + Double.pi
        let area = try kernel.area(grown)
        #expect(area >= exact)
        #expect(area < exact + 2)  // the allowance for arcs and GEOS input simplification is small
        // Every vertex of the exact offset's arcs lies inside the conservative one.
        let region = try PreparedRegion(grown, kernel: kernel)
        for k in 0..<64 {
            let a = Double(k) / 64 * .pi / 2
            let p = Point(10 + cos(a) * 0.999, 10 + sin(a) * 0.999)
            let tiny = Polygon([p, p + Point(1e-4, 0), p + Point(0, 1e-4)])
            #expect(try region.covers(tiny))
        }
        let shrunk = try kernel.offset([Polygon(Self.square(0, 0, 10))], by: -1)
        #expect(abs(try kernel.area(shrunk) - 64) < 1.2)
        #expect(try kernel.area(shrunk) <= 64)
    }

    @Test func booleanOperations() throws {
        let a = Polygon(Self.square(0, 0, 10)), b = Polygon(Self.square(5, 5, 10))
        #expect(try kernel.area(try kernel.union([a, b])) == 175)
        #expect(try kernel.area(try kernel.difference([a], [b])) == 75)
        #expect(try kernel.area(try kernel.intersection([a], [b])) == 25)
        #expect(try kernel.distance([a], [Polygon(Self.square(13, 0, 2))]) == 3)
        #expect(try kernel.distance([a], [Polygon(Self.square(4, 4, 1))]) == 0, "one inside the other")
        #expect(try kernel.distance([Polygon(Self.square(4, 4, 1))], [a]) == 0)
        #expect(try kernel.intersects([a], [b]))
        #expect(try !kernel.intersects([a], [Polygon(Self.square(13, 0, 2))]))
        #expect(try kernel.distanceToBoundary([Polygon(Self.square(2, 3, 1))], of: [a]) == 2)
    }

    /// The prepared boundary gives the plain distance to the boundary: to the outline and to
    /// the holes, zero for a polygon across an edge, on a region of many edges.
    @Test func preparedBoundaryDistanceEqualsThePlainOne() throws {
        let outline = (0..<2_000).map { k -> Point in
            let a = Double(k) / 2_000 * 2 * .pi
            let r = 100 * (1 + 0.1 * sin(7 * a))
            return Point(r * cos(a), r * sin(a))
        }
        let region = [Polygon(outline, holes: [Self.square(-10, -10, 20), Self.square(40, 0, 5)])]
        let edges = try PreparedBoundary(of: region, kernel: kernel)
        var checked = 0
        for i in 0..<15 {
            for j in 0..<15 {
                let probe = Polygon(Self.square(-120 + Double(i) * 16.3, -120 + Double(j) * 16.1, 3))
                let plain = try kernel.distanceToBoundary([probe], of: region)
                #expect(abs(try edges.distance(to: probe) - plain) <= 1e-9 * max(1, plain), "probe \(i), \(j)")
                checked += 1
            }
        }
        #expect(checked == 225)
        #expect(try edges.distance(to: Polygon(Self.square(-2, -2, 1))) == 8)  // in the central hole, 8 from its sides
        #expect(try edges.distance(to: Polygon(Self.square(95, -1, 10))) == 0)  // across the outline
        // A polygon holding a whole hole of the region: 0, as the plain distance says (GEOS's
        // prepared distance alone measures from edge to edge: 4 here).
        #expect(try kernel.distanceToBoundary([Polygon(Self.square(36, -4, 13))], of: region) == 0)
        #expect(try edges.distance(to: Polygon(Self.square(36, -4, 13))) == 0)
    }

    @Test func preparedRegionAndIndex() throws {
        let region = try PreparedRegion([Polygon(Self.square(0, 0, 10))], kernel: kernel)
        #expect(try region.covers(Polygon(Self.square(1, 1, 2))))
        #expect(try !region.covers(Polygon(Self.square(9, 9, 2))))
        #expect(try region.intersects(Polygon(Self.square(9, 9, 2))))
        let shapes = (0..<10).map { Polygon(Self.square(Double($0) * 20, 0, 10)) }
        let index = try ShapeIndex(shapes, kernel: kernel)
        #expect(try index.candidates(near: Polygon(Self.square(41, 1, 2))) == [2])
        #expect(try index.candidates(near: Polygon(Self.square(41, 1, 2)), margin: 15) == [1, 2])
        #expect(try index.candidates(near: Polygon(Self.square(41, 1, 2)), margin: 19) == [1, 2, 3])
    }

    @Test func simplifyOutwardContainsTheOriginal() throws {
        var pts: [Point] = []
        for k in 0..<200 {
            let a = Double(k) / 200 * 2 * .pi
            let r = 50 + 3 * sin(7 * a)
            pts.append(Point(r * cos(a), r * sin(a)))
        }
        let p = Polygon(pts)
        let s = try kernel.simplifyOutward(p, tolerance: 0.5)
        #expect(s.vertexCount < p.vertexCount)
        #expect(try kernel.area(try kernel.difference([p], [s])) < 1e-9)
    }

    /// A digitizer's jagged outline (3 000 points with ±0.02 mm of noise) pokes out of its
    /// simplification everywhere; the outward simplification still drops nearly every point,
    /// holds the whole original and stays within about the tolerance of it.
    @Test func simplifyOutwardDropsTheNoiseOfAJaggedOutline() throws {
        var seed: UInt64 = 5
        func noise() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(seed >> 11) * 0x1.0p-53 - 0.5) * 0.04
        }
        let corners = [Point(0, 0), Point(300, 0), Point(300, 200), Point(0, 200)]
        var pts: [Point] = []
        for k in 0..<4 {
            let a = corners[k], b = corners[(k + 1) % 4]
            for j in 0..<750 {
                let t = Double(j) / 750
                pts.append(Point(a.x + (b.x - a.x) * t + noise(), a.y + (b.y - a.y) * t + noise()))
            }
        }
        let p = Polygon(pts)
        let s = try kernel.simplifyOutward(p, tolerance: 0.15)
        #expect(s.vertexCount < 40, "\(s.vertexCount) points")
        #expect(try kernel.area(try kernel.difference([p], [s])) == 0)
        #expect(try kernel.hausdorffDistance([p], [s]) < 0.4)
    }

    /// Every point within `distance` of `polygon` that the test samples: around every
    /// vertex (the arcs of the exact offset) and along every edge, just inside the distance.
    static func pointsNear(_ polygon: Polygon, within distance: Double) -> [Point] {
        let pts = polygon.exterior.points
        var out: [Point] = []
        for (k, a) in pts.enumerated() {
            for j in 0..<72 {
                let t = Double(j) / 72 * 2 * .pi
                out.append(Point(a.x + 0.999 * distance * cos(t), a.y + 0.999 * distance * sin(t)))
            }
            let b = pts[(k + 1) % pts.count]
            let length = a.distance(to: b)
            guard length > 0 else { continue }
            let normal = Point(b.y - a.y, a.x - b.x) * (0.999 * distance / length)
            for j in 1..<8 {
                let m = a + (b - a) * (Double(j) / 8)
                out += [m + normal, m - normal]
            }
        }
        return out
    }

    /// The covering offset holds every point within the distance of the shape — of a
    /// smooth outline and of a star whose points are needle-sharp, where a mitre is cut
    /// off — and spends about one vertex per vertex where the round offset spends two.
    @Test func coveringOffsetHoldsTheExactOffsetWithFewerVertices() throws {
        var blob: [Point] = []
        for k in 0..<120 {
            let a = Double(k) / 120 * 2 * .pi
            blob.append(Point((80 + 6 * sin(5 * a)) * cos(a), (50 + 4 * cos(3 * a)) * sin(a)))
        }
        var star: [Point] = []
        for k in 0..<14 {
            let a = Double(k) / 14 * 2 * .pi
            let r = k % 2 == 0 ? 100.0 : 12.0
            star.append(Point(r * cos(a), r * sin(a)))
        }
        for (shape, distance) in [(Polygon(blob), 1.0), (Polygon(star), 1.5), (Polygon(star), 20.0)] {
            let covering = try kernel.coveringOffset(shape, by: distance, quadrantSegments: 6)
            try #require(covering.count == 1)
            let outside = Self.pointsNear(shape, within: distance).filter { !covering[0].contains($0) }
            #expect(outside.isEmpty, "\(outside.count) points within \(distance) lie outside, e.g. \(outside.prefix(2))")
        }
        // The star's needle points are cut off at twice the distance, outside the round
        // offset's arcs: the mitred offset is kept there too.
        let starCovering = try kernel.coveringOffset(Polygon(star), by: 1.5, quadrantSegments: 6)
        try #require(starCovering.count == 1)
        #expect(starCovering[0].vertexCount <= 28, "\(starCovering[0].vertexCount) vertices")
        let covering = try kernel.coveringOffset(Polygon(blob), by: 1, quadrantSegments: 6)
        let round = try kernel.offset([Polygon(blob)], by: 1, quadrantSegments: 6)
        try #require(covering.count == 1 && round.count == 1)
        #expect(covering[0].vertexCount <= 130, "\(covering[0].vertexCount) vertices")
        #expect(round[0].vertexCount >= 200, "\(round[0].vertexCount) vertices")
        // Tighter than the conservative round offset as well.
        #expect(try kernel.area(covering) < (try kernel.area(round)))
    }

    /// With a slack, the covering offset of a straight outline lies within it of the exact
    /// offset: a 699 × 400 mm band grown by 1 mm less 2·10⁻⁵ is at most 701 mm wide, so two
    /// bands 2 mm apart do not meet (grown by the 2 % that covers any simplification, it
    /// was 701.04 mm). A curved outline's offset still holds every point within the distance.
    @Test func coveringOffsetWithASlackLiesWithinItOfTheExactOffset() throws {
        let slack = 2e-5, distance = 1 - 2e-5
        let band = Polygon([Point(0, 0), Point(699, 0), Point(699, 400), Point(0, 400)])
        let grown = try kernel.coveringOffset(band, by: distance, slack: slack, quadrantSegments: 6)
        try #require(grown.count == 1)
        let b = grown[0].bounds
        for side in [-b.minX, b.maxX - 699, -b.minY, b.maxY - 400] {
            #expect(side >= distance && side <= distance + slack, "a side \(side) mm out")
        }
        #expect(b.width < 701 && b.height < 402)
        var blob: [Point] = []
        for k in 0..<120 {
            let a = Double(k) / 120 * 2 * .pi
            blob.append(Point((80 + 6 * sin(5 * a)) * cos(a), (50 + 4 * cos(3 * a)) * sin(a)))
        }
        let covering = try kernel.coveringOffset(Polygon(blob), by: distance, slack: slack, quadrantSegments: 6)
        try #require(covering.count == 1)
        let outside = Self.pointsNear(Polygon(blob), within: distance).filter { !covering[0].contains($0) }
        #expect(outside.isEmpty, "\(outside.count) points within \(distance) lie outside")
    }
}
