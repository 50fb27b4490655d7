import NestGeometry
import NestModel
import Synchronization

/// Where labels are centred: at poles of inaccessibility (the inside point farthest from
/// the edges), the slowest step of drawing a sheet. Each is computed once per process and
/// remembered, since the PDF, the SVG files and the HTML page draw the same sheets. Safe
/// to use from any thread; a memory is dropped when it holds too many entries.
enum LabelPoles {
    private static let known = Mutex<[Polygon: Circle]>([:])
    private static let knownZones = Mutex<[Sheet: [(Grade, Circle)]]>([:])
    private static let capacity = 4096

    /// A part's label centre: the pole of the part's own outline, carried to the sheet by
    /// the placement's transform (rotation, mirroring and translation keep distances, so
    /// the radius is the same). A nest repeats a few outlines many times over (each panel
    /// in each size and side), so poles are remembered by outline.
    static func pole(of placement: Placement) -> Circle {
        let shape = placement.part.shape
        let local = known.withLock { $0[shape] } ?? {
            let found = shape.poleOfInaccessibility()
            let circle = Circle(center: found.point, radius: found.radius)
            known.withLock { memory in
                if memory.count >= capacity { memory.removeAll(keepingCapacity: true) }
                memory[shape] = circle
            }
            return circle
        }()
        return Circle(center: placement.transform.apply(local.center), radius: local.radius)
    }

    /// Per zone of `sheet`, the pole of the largest piece of its own leather (where no
    /// worse zone overlaps it) that no part covers; zones wholly covered are left out.
    static func zoneSpots(of sheet: Sheet) -> [(Grade, Circle)] {
        if let spots = knownZones.withLock({ $0[sheet] }) { return spots }
        // Zone names are placed where GEOS finds free leather; without a context (out of
        // memory) the sheet is drawn with its zones unnamed.
        guard let kernel = try? GeometryKernel() else { return [] }
        let parts = sheet.placements.map { $0.placedShape.filled }
        var spots: [(Grade, Circle)] = []
        for zone in sheet.zones {
            let worse = sheet.zones.filter { $0.grade > zone.grade }.map(\.shape)
            guard let inside = try? kernel.intersection([zone.shape], [Polygon(exterior: sheet.shape.exterior)]),
                  let own = try? (worse.isEmpty ? inside : kernel.difference(inside, worse)),
                  let free = try? (parts.isEmpty ? own : kernel.difference(own, parts)),
                  let largest = free.max(by: { $0.area < $1.area }) else { continue }
            // The free leather's edge has thousands of vertices; within a millimetre is
            // close enough to centre a name.
            let piece = (try? kernel.simplify([largest], tolerance: 1))?.max(by: { $0.area < $1.area }) ?? largest
            let pole = piece.poleOfInaccessibility()
            spots.append((zone.grade, Circle(center: pole.point, radius: pole.radius)))
        }
        knownZones.withLock { memory in
            if memory.count >= 1024 { memory.removeAll(keepingCapacity: true) }
            memory[sheet] = spots
        }
        return spots
    }
}
