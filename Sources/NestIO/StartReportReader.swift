import Foundation
import NestModel

/// Reads the placements of a `nest-report/1` file (`report.json`) as a `NestStart`, for a
/// warm start (`nest JOB.json --start REPORT.json`). Only what a start needs is read —
/// each sheet's stock and each placement's part and transform — and checked: the format,
/// finite numbers, a known side. Errors name the file and the placement.
public enum StartReportReader {
    public static func read(path: String) throws -> NestStart {
        let name = (path as NSString).lastPathComponent
        let file = try JSONFile.read(ReportFile.self, from: path, displayName: name)
        guard file.format == "nest-report/1" else {
            throw InputError(file: name, item: "format", problem: "\"\(file.format)\" is not a nest report (nest-report/1): "
                + "--start takes the report.json of an earlier run")
        }
        var sheets: [NestStart.Sheet] = []
        for (s, sheet) in file.sheets.enumerated() {
            var placed: [NestStart.Placed] = []
            for (k, p) in sheet.placements.enumerated() {
                let item = "sheets[\(s)].placements[\(k)] (\(p.part) \(p.size))"
                guard [p.rotation_deg, p.x, p.y].allSatisfy(\.isFinite) else {
                    throw InputError(file: name, item: item, problem: "rotation and position must be finite numbers")
                }
                let side = try Side.read(p.side, file: name, item: item)
                placed.append(NestStart.Placed(panel: p.part, size: p.size, side: side, material: p.material,
                                               rotationDegrees: p.rotation_deg, mirrored: p.mirrored, x: p.x, y: p.y))
            }
            sheets.append(NestStart.Sheet(stock: sheet.stock, placements: placed))
        }
        return NestStart(sheets: sheets, source: name)
    }

    private struct ReportFile: Decodable {
        let format: String
        let sheets: [SheetFile]
    }

    private struct SheetFile: Decodable {
        let stock: String
        let placements: [PlacementFile]
    }

    // swiftlint:disable identifier_name
    private struct PlacementFile: Decodable {
        let part: String
        let size: String
        let side: String
        let material: String
        let rotation_deg: Double
        let mirrored: Bool
        let x: Double
        let y: Double
    }
}
