import Foundation
import NestGeometry
import NestModel
import NestToolpath

/// Writes a sheet's toolpath as HPGL (`.plt`) for knife cutters and plotters: `IN`
/// (initialise), `SP` (the profile's tool), then per pass `PU` to its start and `PD`
/// through its points (lead-in, contour, lead-out), and finally `PU` back to the origin
/// and `SP0`. Integer plotter units (`hpglUnitsPerMillimetre`, 40 per mm in standard
/// HPGL) in the machine's frame; long `PD` runs are split every 32 points.
public enum HPGLWriter {
    public static func document(_ toolpath: SheetToolpath, sheet: Sheet, profile: MachineProfile) -> String {
        let frame = MachineFrame(bounds: sheet.shape.bounds, corner: profile.origin)
        let k = profile.hpglUnitsPerMillimetre
        func xy(_ p: Point) -> String {
            let m = frame.apply(p)
            return "\(Int((m.x * k).rounded())),\(Int((m.y * k).rounded()))"
        }
        var out = "IN;\nSP\(profile.hpglPen);\n"
        for pass in toolpath.passes {
            out += "PU\(xy(pass.path[0]));\n"
            let rest = pass.path.dropFirst()
            var chunk: [String] = []
            for p in rest {
                chunk.append(xy(p))
                if chunk.count == 32 {
                    out += "PD\(chunk.joined(separator: ","));\n"
                    chunk = []
                }
            }
            if !chunk.isEmpty { out += "PD\(chunk.joined(separator: ","));\n" }
        }
        out += "PU\(xy(toolpath.origin));\nSP0;\n"
        return out
    }
}
