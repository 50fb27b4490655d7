import NestIO
import NestModel
import NestToolpath

/// The `toolpath` object a sheet carries in `report.json` (see README, "Toolpaths"):
/// the machine, lengths in mm, knife lifts, the estimated seconds and the placements'
/// indices (from 0, as in the sheet's `placements`) in cut order.
public enum ToolpathReport {
    public static func field(_ t: SheetToolpath, profile: MachineProfile) -> (String, JSONValue) {
        ("toolpath", .object([
            ("machine", .string(profile.name)),
            ("contours", .integer(t.contours.count)),
            ("cut_length_mm", .number(t.cutLength, decimals: 3)),
            ("air_length_mm", .number(t.airLength, decimals: 3)),
            ("knife_lifts", .integer(t.knifeLifts)),
            ("estimated_seconds", .number(t.estimatedSeconds, decimals: 2)),
            ("windows", .integer(t.windows)),
            ("order", .array(t.placementOrder.map { .integer($0) })),
        ]))
    }
}
