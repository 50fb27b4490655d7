import Foundation
import NestGeometry
import NestModel

/// The formats a pattern or hide file may be in, by file extension: `.dxf`, `.svg`,
/// anything else JSON.
public enum InputFormat: String, Sendable {
    case json, dxf, svg

    public init(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "dxf": self = .dxf
        case "svg", "svgz": self = .svg
        default: self = .json
        }
    }
}

/// Reads patterns and hides in any supported format, so a job can name either.
public enum PatternFiles {
    public static func readPattern(path: String, displayName: String, options: ImportOptions = ImportOptions(),
                                   kernel: GeometryKernel) throws -> Pattern {
        switch InputFormat(path: path) {
        case .json: try PatternReader.read(path: path, displayName: displayName, kernel: kernel)
        case .dxf: try DXFImporter.readPattern(path: path, displayName: displayName, options: options, kernel: kernel)
        case .svg: try SVGImporter.readPattern(path: path, displayName: displayName, options: options, kernel: kernel)
        }
    }

    public static func readHide(path: String, displayName: String, options: ImportOptions = ImportOptions(),
                                kernel: GeometryKernel) throws -> Hide {
        switch InputFormat(path: path) {
        case .dxf: try DXFImporter.readHide(path: path, displayName: displayName, options: options, kernel: kernel)
        case .svg: throw InputError(file: displayName, item: "", problem: "hides are read from DXF or JSON, not SVG")
        case .json: try StockReader.readHide(path: path, displayName: displayName, kernel: kernel)
        }
    }
}
