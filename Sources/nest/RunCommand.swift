import ArgumentParser
import Foundation
import NestApp
import NestEngine
import NestIO

/// `nest JOB.json`: nest a job's order on its stock and write the report and cut sheets.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nest",
        abstract: "Nest shoe-upper panels on leather hides or textile rolls, and write cut sheets.",
        discussion: """
            Reads JOB.json (the stock, the order and the cutting rules; see README.md), places every \
            ordered part it can, verifies the nest with GEOS and writes into the output folder:
              report.json      yields and every placed outline (format nest-report/1)
              cut-sheets.pdf   work instructions: cover, per sheet an overview, the
                               toolpath and the parts list
              sheet-NN.svg     each sheet at true scale, with a toolpath layer
              sheet-NN.plt     the sheet's toolpath as HPGL (knife cutters, plotters)
              sheet-NN.nc      the same as G-code
              sheet-NN.dxf     the cut contours in cut order as DXF R12, a layer per part
              tickets.pdf      bundle tickets to stick on the cut parts
              index.html       the report page: sheets, yields, parts lists, toolpaths
              true-scale.pdf   with --scale 1:1: the nest at full size, tiled or on a plotter roll

            The same job, seed and iteration budget always give the same nest.
            Exit status: 0 on success, 1 on bad input, 2 on an internal failure.
            \(Entry.otherCommandsHelp)
            """)

    @Argument(help: "The job file to nest (JSON, format nest-job/1).")
    var job: String

    @Option(name: .shortAndLong, help: "Folder for the outputs (default: Output/<job name>).")
    var output: String?

    @Option(help: "Threads to run on (default: all cores); the nest does not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Toolpath files to write per sheet: a comma-separated list of plt, nc, dxf, or none.")
    var toolpath: String = "plt,nc,dxf"

    @Option(help: "Machine profile (JSON, format nest-machine/1; see Patterns/machines/). Default: a generic knife cutter.")
    var machine: String?

    @Option(help: "Start from the report.json of an earlier run of this job (a warm start, after a defect was marked late or parts were added): every part still feasible where it was stays there, the others are placed around them, then the optimizer runs with its budget.")
    var start: String?

    @Option(help: "A cutting session: nest the job's stock (the hide on the table) against what is left of its order, kept in this state file (nest-order-state/1; made from the whole order when it does not exist), and book the placed parts off in it.")
    var remaining: String?

    @Option(name: .customLong("target-yield"), help: "Stop the optimizer once its best nest reaches this yield, in percent (it depends on the seed and budgets alone, not on the clock).")
    var targetYield: Double?

    @OptionGroup(title: "Printed documents")
    var printing: PrintOptionGroup

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @OptionGroup(title: "Search")
    var search: SearchOptionGroup

    @OptionGroup var limits: LimitOptionGroup

    func validate() throws {
        if threads < 1 || threads > 256 { throw ValidationError("--threads must be 1 to 256") }
        if let targetYield, !(targetYield > 0 && targetYield <= 100) { throw ValidationError("--target-yield must be more than 0 and at most 100 (percent)") }
        do { _ = try ToolpathFormat.parseList(toolpath) } catch { throw ValidationError(error.message) }
    }

    func run() throws {
        var options = RunOptions(jobPath: job, outputDirectory: output, search: search.overrides, threads: threads, quiet: quiet,
                                 toolpathFormats: (try? ToolpathFormat.parseList(toolpath)) ?? ToolpathFormat.allCases,
                                 machinePath: machine)
        options.print = printing.options
        options.limits = limits.limits
        options.startPath = start
        options.remainingPath = remaining
        options.targetYieldPercent = targetYield
        let stop = StopSignal(timeLimitSeconds: search.timeLimit)
        let interrupts = InterruptHandler(stop: stop)
        defer { withExtendedLifetime(interrupts) {} }
        let progress = ProgressPrinter(enabled: !quiet, timeLimitSeconds: search.timeLimit)
        do {
            let summary = try JobRun(options: options).run(listener: progress, terminator: stop)
            progress.finish()
            if !quiet {
                for note in summary.job.notes { FileHandle.standardError.write(Data("nest: note: \(note)\n".utf8)) }
                print(SummaryText.lines(summary).joined(separator: "\n"))
            }
        } catch {
            progress.finish()
            let failure = RunFailure(error, jobPath: job)
            FileHandle.standardError.write(Data("nest: error: \(failure)\n".utf8))
            throw ExitCode(failure.exitStatus)
        }
    }
}
