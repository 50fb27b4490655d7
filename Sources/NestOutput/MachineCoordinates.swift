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
        self.init(frame: MachineFrame(bounds: sheet.shape.bounds, corner: profile.origin), profile: profile)
    }

    /// The coordinates of roll window `window` of `toolpath`: the machine's frame on the
    /// table as it lies after the conveyor advanced to the window (the part of the roll
    /// from the window's offset, one table long), so every point cut in it lies on the table.
    init(window: Int, of toolpath: SheetToolpath, sheet: Sheet, profile: MachineProfile) {
        let b = sheet.shape.bounds
        guard toolpath.windows > 1, let table = profile.tableLength else {
            self.init(sheet: sheet, profile: profile)
            return
        }
        let offset = toolpath.windowOffsets[window]
        let bounds = Rect(minX: b.minX + offset, minY: b.minY, maxX: b.minX + offset + table, maxY: b.maxY)
        self.init(frame: MachineFrame(bounds: bounds, corner: profile.origin), profile: profile)
    }

    private init(frame: MachineFrame, profile: MachineProfile) {
        self.frame = frame
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
