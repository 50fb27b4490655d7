import Foundation
import NestGeometry
import NestModel

extension PatternFiles {
    /// Reads a pattern from bytes already in memory (as `readPattern(path:)` reads a file),
    /// e.g. from a pipe or a fuzzer. Every problem is an `InputError`.
    public static func readPattern(data: Data, format: InputFormat, displayName: String,
                                   options: ImportOptions = ImportOptions(), kernel: GeometryKernel) throws -> Pattern {
        let data = try InputLimits.content(of: data, displayName: displayName)
        switch format {
        case .json:
            return try PatternReader.convert(JSONFile.decode(PatternFile.self, from: data, displayName: displayName),
                                             file: displayName, kernel: kernel)
        case .dxf:
            let (raw, problems) = try DXFImporter.patternFile(data: data, file: displayName, options: options, kernel: kernel)
            return try ImportedPattern.validated(raw, problems: problems, file: displayName, kernel: kernel)
        case .svg:
            let (raw, problems) = try SVGImporter.patternFile(data: data, file: displayName, options: options, kernel: kernel)
            return try ImportedPattern.validated(raw, problems: problems, file: displayName, kernel: kernel)
        }
    }

    /// Reads a hide from bytes already in memory (JSON or DXF).
    public static func readHide(data: Data, format: InputFormat, displayName: String,
                                options: ImportOptions = ImportOptions(), kernel: GeometryKernel) throws -> Hide {
        let data = try InputLimits.content(of: data, displayName: displayName)
        switch format {
        case .json:
            return try StockReader.hide(JSONFile.decode(HideFile.self, from: data, displayName: displayName),
                                        file: displayName, item: "", kernel: kernel)
        case .dxf:
            let (raw, problems) = try DXFImporter.hideFile(data: data, file: displayName, options: options)
            if let first = problems.first { throw first }
            return try StockReader.hide(raw, file: displayName, item: "", kernel: kernel)
        case .svg:
            throw InputError(file: displayName, item: "", problem: "hides are read from DXF or JSON, not SVG")
        }
    }
}
