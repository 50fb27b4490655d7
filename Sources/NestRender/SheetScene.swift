import Foundation
import NestGeometry
import NestModel

/// One sheet ready to be drawn: the sheet and where its labels go — each part's label
/// circle and each zone's name spot. Computed once per run (`CutRoomDocuments.scenes`) and
/// drawn by every document (the PDFs, the SVG files, the HTML page), so no document repeats
/// the slow step of drawing, and nothing is remembered outside the run.
public struct SheetScene: Sendable {
    public let sheet: Sheet
    /// For placement k, the largest circle inside its outline (the label's centre), on the sheet.
    let partLabels: [Circle]
    /// Per quality zone whose leather is left uncovered, the largest free circle in it.
    let zoneSpots: [(Grade, Circle)]
    /// The stock's markings as drawn, cut to its outline: zones (worst last, so the worst
    /// grade shows where they overlap) and, per defect, the part of it as marked that lies
    /// on the stock. Cut once here instead of clipping every drawing to the outline: a
    /// scanned hide's outline has thousands of points, and a PDF repeats a clip path at
    /// every change of clip (each hatched defect), which made one page of a scanned hide
    /// with 150 pinholes 58 MB.
    let markings: StockMarkings

    /// The scenes of `sheets`, in order. Label centres are poles of inaccessibility: a
    /// nest repeats a few outlines many times (each panel in each size and side), so each
    /// distinct outline's pole is computed once and carried to its placements by their
    /// transforms (which keep distances). Sheets are worked on `threads` threads; the
    /// result does not depend on them.
    public static func scenes(of sheets: [Sheet], threads: Int = 1) -> [SheetScene] {
        var outlines: [Polygon] = []
        var index: [Polygon: Int] = [:]
        for sheet in sheets {
            for p in sheet.placements where index[p.part.shape] == nil {
                index[p.part.shape] = outlines.count
                outlines.append(p.part.shape)
            }
        }
        let poles = parallelMap(outlines, threads: threads) { shape -> Circle in
            let found = shape.poleOfInaccessibility()
            return Circle(center: found.point, radius: found.radius)
        }
        return parallelMap(sheets, threads: threads) { sheet in
            let labels = sheet.placements.map { p -> Circle in
                let local = poles[index[p.part.shape]!]
                return Circle(center: p.transform.apply(local.center), radius: local.radius)
            }
            return SheetScene(sheet: sheet, partLabels: labels, zoneSpots: zoneSpots(of: sheet),
                              markings: StockMarkings(sheet))
        }
    }

    /// Per zone of `sheet`, the pole of the largest piece of its own leather (where no
    /// worse zone overlaps it) that no part covers; zones wholly covered are left out.
    static func zoneSpots(of sheet: Sheet) -> [(Grade, Circle)] {
        guard !sheet.zones.isEmpty else { return [] }
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
        return spots
    }

    /// `transform` of every element, on up to `threads` threads, in order.
    private static func parallelMap<T, R: Sendable>(_ items: [T], threads: Int, _ transform: (T) -> R) -> [R] {
        guard threads > 1, items.count > 1 else { return items.map(transform) }
        let slots = SceneSlots<R>(items.count)
        let chunks = min(threads, items.count)
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let work = transform
            nonisolated(unsafe) let input = items
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                // Each chunk writes only its own indices.
                for i in stride(from: c, to: input.count, by: chunks) { slots.values[i] = work(input[i]) }
            }
        }
        return slots.values.map { $0! }
    }
}

/// Results of a parallel map, one slot per element; each thread writes only its own slots.
private final class SceneSlots<R>: @unchecked Sendable {
    var values: [R?]
    init(_ n: Int) { values = Array(repeating: nil, count: n) }
}
