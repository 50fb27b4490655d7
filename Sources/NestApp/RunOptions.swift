import NestRender
import NestIO
import NestModel

/// What the user asked for on the command line, over the job file's own settings.
public struct RunOptions: Sendable {
    public var jobPath: String
    /// Output folder; default `Output/<job name>`.
    public var outputDirectory: String?
    /// Seed, budgets, workers and time limit given on the command line, over the job's.
    public var search: SearchOverrides
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
    /// The report.json of an earlier run of the job to start from (a warm start), or nil.
    public var startPath: String?
    /// A cutting session's state file (`nest-order-state/1`): the job is nested against what
    /// is left of its order, and the placed parts are booked off in it. Opened (made from
    /// the whole order) when it does not exist yet.
    public var remainingPath: String?
    /// Stop the optimizer once its best nest reaches this yield, in percent (`TargetYield`);
    /// nil: spend the whole budget.
    public var targetYieldPercent: Double?

    public init(jobPath: String, outputDirectory: String? = nil, search: SearchOverrides = SearchOverrides(),
                threads: Int = 1, quiet: Bool = true,
                toolpathFormats: [ToolpathFormat] = ToolpathFormat.allCases, machinePath: String? = nil) {
        self.jobPath = jobPath
        self.outputDirectory = outputDirectory
        self.search = search
        self.threads = threads
        self.quiet = quiet
        self.toolpathFormats = toolpathFormats
        self.machinePath = machinePath
    }
}
