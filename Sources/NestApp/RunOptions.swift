import NestRender
import NestIO

/// What the user asked for on the command line, over the job file's own settings.
public struct RunOptions: Sendable {
    public var jobPath: String
    /// Output folder; default `Output/<job name>`.
    public var outputDirectory: String?
    public var seed: UInt64?
    public var iterations: Int?
    /// Positions sampled per part, orientation and sheet for the first nest.
    public var samples: Int?
    /// Optimizer workers per iteration (part of the search; default 2).
    public var workers: Int?
    public var timeLimitSeconds: Double?
    public var threads: Int
    public var quiet: Bool
    /// Toolpath files to write per sheet (`sheet-NN.plt/.nc/.dxf`); empty for none.
    public var toolpathFormats: [ToolpathFormat]
    /// Machine profile file (`nest-machine/1`); nil for the built-in generic knife cutter.
    public var machinePath: String?
    /// Paper, true scale, plotter and tickets of the operator's documents.
    public var print = PrintOptions()
    /// Caps on the input (vertices per outline, parts per job, file size).
    public var limits = InputLimits()

    public init(jobPath: String, outputDirectory: String? = nil, seed: UInt64? = nil, iterations: Int? = nil,
                timeLimitSeconds: Double? = nil, threads: Int = 1, quiet: Bool = true, samples: Int? = nil, workers: Int? = nil,
                toolpathFormats: [ToolpathFormat] = ToolpathFormat.allCases, machinePath: String? = nil) {
        self.jobPath = jobPath
        self.outputDirectory = outputDirectory
        self.seed = seed
        self.iterations = iterations
        self.samples = samples
        self.workers = workers
        self.timeLimitSeconds = timeLimitSeconds
        self.threads = threads
        self.quiet = quiet
        self.toolpathFormats = toolpathFormats
        self.machinePath = machinePath
    }
}
