import NestGeometry
import NestModel

/// The last step of every DXF and SVG pattern import: the first problem refuses the file;
/// otherwise the pattern is validated as a JSON pattern is, and a size that looks like the
/// wrong units (`UnitsPlausibility`) is added to its notes, so `nest import`, `nest check`
/// and a job that names the drawing all say so.
enum ImportedPattern {
    static func validated(_ raw: PatternFile, problems: [InputError], file: String, kernel: GeometryKernel) throws -> Pattern {
        if let first = problems.first { throw first }
        var pattern = try PatternReader.convert(raw, file: file, kernel: kernel)
        pattern.notes += PlausibilityCheck.units(of: pattern, raw: raw, file: file).map(\.description)
        return pattern
    }
}
