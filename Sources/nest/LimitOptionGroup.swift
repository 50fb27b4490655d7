import ArgumentParser
import NestIO

/// The input caps shared by `nest` and `nest batch` (see `InputLimits`).
struct LimitOptionGroup: ParsableArguments {
    @Option(name: .customLong("max-vertices"), help: "Refuse outlines with more points than this (default 20000).")
    var maxVertices: Int = InputLimits().maxVerticesPerRing

    @Option(name: .customLong("max-parts"), help: "Refuse jobs with more parts than this (default 20000).")
    var maxParts: Int = InputLimits().maxPartsPerJob

    @Option(name: .customLong("max-file-mb"), help: "Refuse input files larger than this many MiB (default 64).")
    var maxFileMB: Int = InputLimits().maxFileBytes >> 20

    func validate() throws {
        if maxVertices < 3 { throw ValidationError("--max-vertices must be at least 3") }
        if maxParts < 1 { throw ValidationError("--max-parts must be at least 1") }
        if maxFileMB < 1 || maxFileMB > 1 << 20 { throw ValidationError("--max-file-mb must be 1 to 1048576") }
    }

    var limits: InputLimits {
        InputLimits(maxVerticesPerRing: maxVertices, maxPartsPerJob: maxParts, maxFileBytes: maxFileMB << 20)
    }
}
