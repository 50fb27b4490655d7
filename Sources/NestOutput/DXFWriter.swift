import Foundation
import NestGeometry
import NestModel
import NestToolpath

/// Writes a sheet's cut contours as DXF R12 (AC1009), the version every cutting-table
/// program and CAD reads: one `POLYLINE` per pass in cut order, starting at the pass's
/// start point, closed (flag 1) when the pass cuts its contour whole; leads and air moves
/// are left out. Each placed part has its own layer, `P<NNN>_<PANEL>_<SIZE>_<SIDE>`
/// (placement number as in the report, from 1; cut to R12's 31 characters). Machine frame, units and resolution.
public enum DXFWriter {
    public static func layerName(_ placement: Placement, index: Int) -> String {
        var name = String(format: "P%03d_", index + 1) + placement.part.label.uppercased()
        name = String(name.map { c in c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == "$") ? c : "_" })
        // R12 names hold at most 31 characters; the placement number keeps them unique.
        return String(name.prefix(31))
    }

    public static func document(_ toolpath: SheetToolpath, sheet: Sheet, profile: MachineProfile) -> String {
        let c = MachineCoordinates(sheet: sheet, profile: profile)
        var out: [String] = []
        func g(_ code: Int, _ value: String) { out.append(String(code)); out.append(value) }
        let layers = sheet.placements.enumerated().map { layerName($1, index: $0) }
        // The sheet's extent in the machine's frame (which may mirror it).
        let b = sheet.shape.bounds
        let extent = Rect(enclosing: [Point(b.minX, b.minY), Point(b.maxX, b.maxY)].map(c.frame.apply))
        let (minX, minY) = (c.number(extent.minX * c.scale), c.number(extent.minY * c.scale))
        let (maxX, maxY) = (c.number(extent.maxX * c.scale), c.number(extent.maxY * c.scale))
        g(0, "SECTION"); g(2, "HEADER")
        g(9, "$ACADVER"); g(1, "AC1009")
        g(9, "$EXTMIN"); g(10, minX); g(20, minY)
        g(9, "$EXTMAX"); g(10, maxX); g(20, maxY)
        g(0, "ENDSEC")
        g(0, "SECTION"); g(2, "TABLES")
        g(0, "TABLE"); g(2, "LTYPE"); g(70, "1")
        g(0, "LTYPE"); g(2, "CONTINUOUS"); g(70, "0"); g(3, "Solid line"); g(72, "65"); g(73, "0"); g(40, "0.0")
        g(0, "ENDTAB")
        g(0, "TABLE"); g(2, "LAYER"); g(70, String(layers.count + 1))
        g(0, "LAYER"); g(2, "0"); g(70, "0"); g(62, "7"); g(6, "CONTINUOUS")
        for (i, name) in layers.enumerated() {
            g(0, "LAYER"); g(2, name); g(70, "0"); g(62, String(1 + i % 6)); g(6, "CONTINUOUS")
        }
        g(0, "ENDTAB")
        g(0, "ENDSEC")
        g(0, "SECTION"); g(2, "ENTITIES")
        for pass in toolpath.passes {
            let layer = layers[toolpath.contours[pass.contour].placement]
            // The contour alone: strip the leads, and the repeated closing point of a closed pass.
            var points = pass.path
            if pass.closesContour {
                let first = points.firstIndex(of: pass.start) ?? 0
                let last = points.lastIndex(of: pass.start) ?? points.count - 1
                points = Array(points[first..<max(first + 1, last)])
            }
            g(0, "POLYLINE"); g(8, layer); g(66, "1"); g(10, "0"); g(20, "0"); g(30, "0"); g(70, pass.closesContour ? "1" : "0")
            for p in points {
                let (x, y) = c.xy(p)
                g(0, "VERTEX"); g(8, layer); g(10, x); g(20, y); g(30, "0")
            }
            g(0, "SEQEND"); g(8, layer)
        }
        g(0, "ENDSEC")
        g(0, "EOF")
        return out.joined(separator: "\n") + "\n"
    }
}
