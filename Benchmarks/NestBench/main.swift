import Foundation
import NestCollision
import NestGeometry
import NestIO
import NestModel

// Collision throughput: the native engine's polygon–polygon test against GEOS prepared
// `intersects` on the same queries, on the shapes of the ESICUP instances.
//
//   swift run -c release nest-bench [instances...]   (default: all classic instances)
//
// Each query is a pair of item shapes (random types and allowed rotations) at random
// relative offsets within a box where about half the pairs collide. GEOS gets its best
// case: the first shape prepared once per query set, the second converted beforehand,
// so only the predicate is timed. Both answers are compared on every query.

struct LCG {
    var s: UInt64
    mutating func next() -> Double {
        s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(s >> 11) * 0x1.0p-53
    }
}

let esicup = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("datasets/esicup")
let classic = ["albano", "dagli", "fu", "jakobs1", "jakobs2", "mao", "marques", "shapes0", "shapes1", "shirts", "swim",
               "trousers"]
let names = CommandLine.arguments.count > 1 ? Array(CommandLine.arguments.dropFirst()) : classic
let kernel = try GeometryKernel()
print("| instance | queries | collide % | native M q/s | GEOS prepared M q/s | ratio | disagreements |")
print("|---|---|---|---|---|---|---|")
var ratios: [Double] = []
for name in names {
    let job = try JobReader.read(path: esicup.appendingPathComponent("\(name).json").path, kernel: kernel)
    let panels = job.order[0].pattern.panels
    var shapes: [Polygon] = []
    for p in panels {
        for r in p.fixedRotations ?? [0] { shapes.append(p.shape.filled.transformed(by: Transform(rotationDegrees: r))) }
    }
    var rng = LCG(s: 12345)
    let pairsPerShape = 2000
    var nativeHits = 0, geosHits = 0, disagreements = 0, total = 0
    var nativeTime = 0.0, geosTime = 0.0
    for (ai, a) in shapes.enumerated() {
        // One prepared first shape, many second shapes around it.
        let ca = CollisionPolygon(a.exterior)
        let prepared = try PreparedRegion([a], kernel: kernel)
        var queries: [(CollisionPolygon, Point)] = []
        var geosShapes: [GEOSShape] = []
        for _ in 0..<pairsPerShape {
            let b = shapes[Int(rng.next() * Double(shapes.count))]
            let cb = CollisionPolygon(b.exterior)
            let ab = a.bounds, bb = b.bounds
            // Offsets spanning touching-to-apart boxes: about half collide.
            let t = Point(ab.minX - bb.maxX + (rng.next() * 1.6 - 0.3) * (ab.width + bb.width),
                          ab.minY - bb.minY + (rng.next() - 0.5) * (ab.height + bb.height) * 1.6)
            queries.append((cb, t))
            geosShapes.append(try GEOSShape(b.transformed(by: Transform(translation: t)), kernel: kernel))
        }
        var native = [Bool](repeating: false, count: queries.count)
        var start = Date()
        for _ in 0..<5 {
            for (k, q) in queries.enumerated() { native[k] = polygonsCollide(ca, at: .zero, q.0, at: q.1) }
        }
        nativeTime += Date().timeIntervalSince(start)
        var geos = [Bool](repeating: false, count: queries.count)
        start = Date()
        for _ in 0..<5 {
            for (k, g) in geosShapes.enumerated() { geos[k] = try prepared.intersects(g) }
        }
        geosTime += Date().timeIntervalSince(start)
        for k in queries.indices {
            if native[k] { nativeHits += 1 }
            if geos[k] { geosHits += 1 }
            if native[k] != geos[k] { disagreements += 1 }
        }
        total += queries.count
        _ = ai
    }
    let nq = Double(total * 5) / nativeTime / 1e6, gq = Double(total * 5) / geosTime / 1e6
    ratios.append(nq / gq)
    print(String(format: "| %@ | %d | %.1f | %.2f | %.2f | %.1f | %d |", name, total, 100 * Double(geosHits) / Double(total), nq, gq,
                 nq / gq, disagreements))
}
print(String(format: "\nmean throughput ratio native / GEOS prepared: %.1f×", ratios.reduce(0, +) / Double(ratios.count)))
