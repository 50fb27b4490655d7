import Foundation

/// Caps on what a run reads, so that hostile or broken input ends in a clear error rather
/// than in hours of work or an exhausted machine. Every cap is configurable (the command's
/// `--max-vertices`, `--max-parts`, `--max-file-mb`).
///
/// The readers consult `InputLimits.current`, a task-local value: bind it around a read
/// with `InputLimits.$current.withValue(limits) { ... }` (binding is per thread of work,
/// so parallel jobs may each have their own).
public struct InputLimits: Sendable, Hashable {
    /// Points in one ring (an outline, a hole, a defect, a zone). A larger outline is
    /// refused: simplify it in the CAD system (or raise the cap).
    public var maxVerticesPerRing: Int = 20_000
    /// Parts in one job (pairs × panels × quantity per pair).
    public var maxPartsPerJob: Int = 20_000
    /// Bytes in one input file.
    public var maxFileBytes: Int = 64 << 20

    public init() {}

    public init(maxVerticesPerRing: Int, maxPartsPerJob: Int, maxFileBytes: Int) {
        self.maxVerticesPerRing = maxVerticesPerRing
        self.maxPartsPerJob = maxPartsPerJob
        self.maxFileBytes = maxFileBytes
    }

    @TaskLocal public static var current = InputLimits()

    /// Reads a whole input file after checking that it is a regular, readable file within
    /// the size cap (not a folder, device or pipe, which could block or never end), and that
    /// it is not a DWG, PDF, image, archive or other file none of the readers takes
    /// (`ForeignFile`: refused saying what it is).
    static func read(path: String, displayName: String) throws -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError(file: displayName, item: "", problem: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw InputError(file: displayName, item: "", problem: "not a regular file (a folder, device or pipe cannot be read as input)")
        }
        let limit = current.maxFileBytes
        guard Int(info.st_size) <= limit else {
            throw InputError(file: displayName, item: "", problem:
                "the file has \(info.st_size) bytes, more than the limit of \(limit) (raise it with --max-file-mb)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError(file: displayName, item: "", problem: "cannot read the file (\(JSONFile.reason(of: error)))")
        }
        return try content(of: data, displayName: displayName)
    }

    /// What an input's bytes hold, as its reader is to see them: a gzipped input (Inkscape's
    /// .svgz) decompressed, never past the file limit; a file that is none of the inputs
    /// (a DWG, a PDF, an image, ...) refused saying what it is.
    static func content(of data: Data, displayName: String) throws -> Data {
        let content = Gzip.isCompressed(data) ? try Gzip.decompressed(data, limit: current.maxFileBytes, file: displayName) : data
        try ForeignFile.refuse(content, file: displayName)
        return content
    }

    /// Refuses a ring with more points than the cap, before any work is done on it.
    static func checkRing(count: Int, file: String, item: String) throws {
        let limit = current.maxVerticesPerRing
        guard count <= limit else {
            throw InputError(file: file, item: item, problem:
                "\(count) points, more than the limit of \(limit) per outline: simplify it in the CAD system (e.g. to 0.05 mm) or raise the limit with --max-vertices")
        }
    }
}
