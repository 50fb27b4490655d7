import Foundation
import NestGeometry
import NestModel
import NestToolpath

/// Sheet millimetres as a machine's file writes them: mapped into the machine's frame
/// (`MachineFrame`), converted to its units and rounded to its resolution, printed with
/// just enough decimals and never as "-0". Shared by the G-code and DXF writers.
struct MachineCoordinates {
    let frame: MachineFrame
    /// Machine units per millimetre.
    let scale: Double
    /// The resolution in machine units.
    let step: Double
    let decimals: Int

    init(sheet: Sheet, profile: MachineProfile) {
        frame = MachineFrame(bounds: sheet.shape.bounds, corner: profile.origin)
        scale = 1 / profile.units.millimetres
        step = profile.resolution * scale
        decimals = max(0, min(6, Int((-log10(step)).rounded(.up))))
    }

    func number(_ v: Double) -> String {
        DecimalText.trimmed((v / step).rounded() * step, decimals: decimals)
    }

    /// A sheet point as machine (x, y) text.
    func xy(_ p: Point) -> (String, String) {
        let m = frame.apply(p)
        return (number(m.x * scale), number(m.y * scale))
    }
}
