import NestCollision

/// Each separator worker's own copies of the items' shapes and part boxes, so that workers
/// pricing poses on two threads at once never count references on the same objects.
///
/// Measured before it existed (albano, 6 000 iterations): a second thread made an
/// iteration only 1.46× faster, and `swift_retain`/`swift_release` took 16 % of the time
/// against 7 % on one thread — the two workers retained and released the same shapes'
/// arrays, whose counters' cache lines then bounce between the cores.
///
/// Guarantees: worker 0 gets the layout's own objects; every other worker gets copies equal
/// in every value (points, boxes, circles, samples), in storage of their own, and items
/// sharing a shape array keep sharing it within one worker. A layout that adopts a
/// worker's copies computes exactly what it computed before.
struct WorkerShapeCopies: @unchecked Sendable {
    /// `items[w][i]`: what item `i` holds in worker `w`'s layout.
    let items: [[SearchLayout.Item.Shared]]

    init(of layout: SearchLayout, workers: Int) {
        let own = layout.items.map(\.shared)
        var all = [own]
        for _ in 1..<max(1, workers) {
            var copied: [ObjectIdentifier: [OrientedShape]] = [:]
            all.append(own.map { shared in
                let key = ObjectIdentifier(shared.shapes[0])
                let shapes: [OrientedShape]
                if let hit = copied[key] {
                    shapes = hit
                } else {
                    shapes = shared.shapes.map(Self.copy)
                    copied[key] = shapes
                }
                return SearchLayout.Item.Shared(box: SearchLayout.PartBox(shared.box.part), shapes: shapes)
            })
        }
        items = all
    }

    private static func copy(_ s: OrientedShape) -> OrientedShape {
        OrientedShape(rotationDegrees: s.rotationDegrees, mirrored: s.mirrored, body: s.body.detachedCopy(),
                      spaced: s.spaced.detachedCopy(), pole: s.pole, poleRadius: s.poleRadius, poles: s.poles.map { $0 },
                      area: s.area, diameter: s.diameter, samples: s.samples.map { $0 }, isTurn: s.isTurn,
                      offGrainDegrees: s.offGrainDegrees, contactGap: s.contactGap)
    }
}
