import ArgumentParser
import Foundation
import NestApp
import NestEngine
import NestIO

/// `nest batch JOB.json… [--jobs N]`: nest many jobs, N at a time, each into its own
/// folder, and write a summary (`batch.json`, `batch.csv`).
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nest batch",
        abstract: "Nest many jobs, N at a time, each into its own output folder, and write a summary.",
        discussion: """
            Job FILE.json is written into OUTPUT/FILE/ (numbered FILE-2, FILE-3 when names repeat), \
            exactly as `nest FILE.json` would write it. OUTPUT/batch.json and OUTPUT/batch.csv list \
            every job: job, sheets, yield, unplaced, seconds, status (ok, interrupted, not run, \
            input error, failed) and the error. A job that fails does not stop the others. \
            Ctrl-C stops the running jobs, which write their best nest so far; jobs not started \
            are listed as not run. Exit status: 0 when every job succeeded, 1 otherwise.
            """)

    @Argument(help: "The job files to nest.")
    var jobFiles: [String]

    @Option(name: .customLong("jobs"), help: "How many jobs run at a time (default 1).")
    var parallelJobs: Int = 1

    @Option(name: .shortAndLong, help: "Folder for the jobs' folders and the summary (default: Output).")
    var output: String = "Output"

    @Option(help: "Threads per job (default: the cores shared among the jobs running at once); results do not depend on it.")
    var threads: Int?

    @OptionGroup(title: "Search")
    var search: SearchOptionGroup

    @OptionGroup var limits: LimitOptionGroup

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if parallelJobs < 1 || parallelJobs > 256 { throw ValidationError("--jobs must be 1 to 256") }
        if let threads, threads < 1 || threads > 256 { throw ValidationError("--threads must be 1 to 256") }
    }

    func run() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var template = RunOptions(jobPath: "", search: search.overrides,
                                  threads: threads ?? max(1, cores / min(parallelJobs, max(1, jobFiles.count))), quiet: true)
        template.limits = limits.limits
        let batch = BatchRun(jobPaths: jobFiles, outputDirectory: output, parallelJobs: parallelJobs, template: template)
        // Each job gets its own time limit (through its options); signals stop them all.
        let stop = StopSignal(timeLimitSeconds: nil)
        let interrupts = InterruptHandler(stop: stop)
        defer { withExtendedLifetime(interrupts) {} }
        let total = jobFiles.count
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var done = 0
        }
        let counter = Counter()
        let entries: [BatchEntry]
        do {
            entries = try batch.run(terminator: stop) { e in
                counter.lock.lock()
                counter.done += 1
                let n = counter.done
                counter.lock.unlock()
                if !e.status.message.isEmpty {
                    FileHandle.standardError.write(Data("nest: error: \(e.status.message)\n".utf8))
                }
                guard !quiet else { return }
                let line = String(format: "batch: [%d/%d] %@: %@, %d sheet(s), yield %.2f%%, %d unplaced, %.1fs",
                                  n, total, e.jobPath, e.status.word, e.sheets, e.yieldPercent, e.unplaced, e.seconds)
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        } catch {
            let failure = RunFailure(error, jobPath: output)
            FileHandle.standardError.write(Data("nest: error: \(failure)\n".utf8))
            throw ExitCode(failure.exitStatus)
        }
        let failed = entries.filter { $0.status != .ok }.count
        if !quiet {
            print("batch: \(entries.count - failed) of \(entries.count) job(s) ok; summary in \(output)/batch.json and \(output)/batch.csv")
        }
        // As `nest` exits: 2 when a job failed inside nest or in writing, 1 when a job's input
        // was refused or jobs were left unfinished by Ctrl-C.
        if entries.contains(where: { if case .failed = $0.status { true } else { false } }) { throw ExitCode(2) }
        if failed > 0 { throw ExitCode(1) }
    }
}
