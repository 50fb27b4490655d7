import Foundation
import NestEngine
import NestGeometry
import NestIO
import NestModel
import NestRender

// Scaling benchmark: orders of 100 to 5 000 parts of the shipped model (Patterns/runner.json,
// mixed sizes) nested on a stack of hides and on a roll.
//
//   swift build -c release && .build/release/nest-scale [--sizes 100,500,2000,5000]
//       [--iterations 100] [--out Benchmarks/scale]
//
// Per size, each measurement runs in its own process (so peak memory is that run's own):
//   hides  read + first nest + GEOS verification of the leather panels on ⌈n/67⌉ copies of
//          the cow side (about 67 parts fit one), with the job's budget (400 samples);
//   cli    the same job through the real `nest` command, writing every output;
//   roll   the mesh linings on the 1400 mm roll: first nest, then the optimizer for a fixed
//          budget of iterations (iterations per second, yield after the budget).
// Prints a Markdown table and writes OUT/scaling.md, OUT/scaling.json and the log-log plot
// OUT/scaling.svg (drawn by NestRender); `--replot` redraws the plot from OUT/scaling.json.

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let patterns = packageRoot.appendingPathComponent("Patterns")
let sizeRun = ["7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "11.5", "12"]

func argument(_ name: String) -> String? {
    let a = CommandLine.arguments
    guard let i = a.firstIndex(of: name), i + 1 < a.count else { return nil }
    return a[i + 1]
}

func write(_ text: String, _ url: URL) throws { try text.write(to: url, atomically: true, encoding: .utf8) }

/// Pairs spread evenly over the size run.
func sizes(pairs: Int) -> String {
    var counts = [Int](repeating: 0, count: sizeRun.count)
    for i in 0..<pairs { counts[i % sizeRun.count] += 1 }
    return sizeRun.indices.filter { counts[$0] > 0 }.map { "\"\(sizeRun[$0])\": \(counts[$0])" }.joined(separator: ", ")
}

/// Writes the hide job and the roll job for about `n` parts into `folder`.
func makeJobs(parts n: Int, in folder: URL, iterations: Int) throws -> (hides: Int, pairs: Int) {
    let fm = FileManager.default
    try fm.createDirectory(at: folder.appendingPathComponent("hides"), withIntermediateDirectories: true)
    try? fm.removeItem(at: folder.appendingPathComponent("runner.json"))
    try fm.copyItem(at: patterns.appendingPathComponent("runner.json"), to: folder.appendingPathComponent("runner.json"))
    let cow = try String(contentsOf: patterns.appendingPathComponent("hides/cow-side-01.json"), encoding: .utf8)
    let hides = max(1, Int((Double(n) / 67).rounded(.up)))
    var names: [String] = []
    for h in 1...hides {
        let name = String(format: "hides/cow-%03d.json", h)
        try write(cow.replacingOccurrences(of: "\"name\": \"cow-side-01\"", with: "\"name\": \"cow-\(h)\""), folder.appendingPathComponent(name))
        names.append("\"\(name)\"")
    }
    let leatherPairs = max(1, n / 16)  // 8 leather panels, left and right
    try write("""
        {"format": "nest-job/1", "name": "hides-\(n)", "stock": {"hides": [\(names.joined(separator: ", "))]},
         "order": [{"pattern": "runner.json", "sizes": {\(sizes(pairs: leatherPairs))}}],
         "spacing": 2.0, "margin": 3.0, "seed": 1, "samples": 400, "iterations": 0}
        """, folder.appendingPathComponent("hides.json"))
    let meshPairs = max(1, n / 8)  // 3 mesh linings, 8 pieces per pair
    try write("""
        {"format": "nest-job/1", "name": "roll-\(n)",
         "stock": {"roll": {"name": "mesh-1400", "material": "mesh", "width": 1400, "max_length": \(max(2000, n * 45))}},
         "order": [{"pattern": "runner.json", "sizes": {\(sizes(pairs: meshPairs))}}],
         "spacing": 2.0, "margin": 5.0, "seed": 1, "samples": 400, "iterations": \(iterations)}
        """, folder.appendingPathComponent("roll.json"))
    return (hides, leatherPairs)
}

// MARK: child: one measurement in this process

func seconds(_ f: () throws -> Void) rethrows -> Double {
    let t = Date()
    try f()
    return Date().timeIntervalSince(t)
}

func configuration(_ job: Job) -> NestConfiguration {
    var c = NestConfiguration(search: job.search, threads: ProcessInfo.processInfo.activeProcessorCount)
    c.optimizerIterations = 0
    return c
}

func runChild(kind: String, folder: URL) throws {
    let kernel = try GeometryKernel()
    var job: Job!
    let read = try seconds { job = try JobReader.read(path: folder.appendingPathComponent("\(kind).json").path, kernel: kernel) }
    var first: NestResult!
    let nest = try seconds { first = try ConstructiveNester(job: job, config: configuration(job)).run() }
    let verifier = FeasibilityVerifier(spacing: job.spacing, margin: job.margin)
    var problems: [String] = []
    let verify = try seconds { problems = try verifier.problems(in: first, expectedParts: job.parts()).map { "\($0)" } }
    var out: [String: Any] = ["read": read, "nest": nest, "verify": verify, "parts": job.parts().count,
                              "placed": first.placedCount, "sheets": first.sheets.count, "yield": first.yieldPercent,
                              "feasible": problems.isEmpty]
    if kind == "roll", job.search.iterations.count > 0 {
        var config = configuration(job)
        config.optimizerIterations = job.search.iterations.count
        var final: NestResult!
        let total = try seconds { final = try Nester(job: job, config: config).run() }
        let final_problems = try verifier.problems(in: final, expectedParts: job.parts())
        out["optimizer_seconds"] = max(1e-9, total - nest)
        out["optimizer_iterations"] = final.statistics.optimizerIterations
        out["final_yield"] = final.yieldPercent
        out["final_length"] = final.sheets.first?.length ?? 0
        out["first_length"] = first.sheets.first?.length ?? 0
        out["final_feasible"] = final_problems.isEmpty
    }
    let data = try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

// MARK: parent: spawn, time, measure peak memory

struct Measured {
    var output: String
    var seconds: Double
    var peakMB: Double
}

func spawn(_ executable: String, _ arguments: [String]) throws -> Measured {
    let pipe = Pipe()
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipe.fileHandleForWriting.fileDescriptor, 1)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var pid: pid_t = 0
    let start = Date()
    let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
    try pipe.fileHandleForWriting.close()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let elapsed = Date().timeIntervalSince(start)
    guard status == 0 else { throw NSError(domain: "\(executable) \(arguments) exited with \(status)", code: Int(status)) }
    return Measured(output: String(decoding: data, as: UTF8.self), seconds: elapsed, peakMB: Double(usage.ru_maxrss) / 1024)
}

if CommandLine.arguments.count >= 4, CommandLine.arguments[1] == "--child" {
    try runChild(kind: CommandLine.arguments[2], folder: URL(fileURLWithPath: CommandLine.arguments[3]))
    exit(0)
}

let sizesToRun = (argument("--sizes") ?? "100,500,2000,5000").split(separator: ",").compactMap { Int($0) }
let iterations = Int(argument("--iterations") ?? "100") ?? 100
let outFolder = URL(fileURLWithPath: argument("--out") ?? packageRoot.appendingPathComponent("Benchmarks/scale").path)
try FileManager.default.createDirectory(at: outFolder, withIntermediateDirectories: true)
let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
let nestBinary = (URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("nest")).path
let work = FileManager.default.temporaryDirectory.appendingPathComponent("nest-scale-\(getpid())")

struct Row {
    var parts = 0, hides = 0, sheets = 0, placed = 0
    var hideSeconds = 0.0, nestSeconds = 0.0, verifySeconds = 0.0, hidePeakMB = 0.0, hideYield = 0.0
    var cliSeconds = 0.0, cliPeakMB = 0.0
    var rollParts = 0, rollFirstSeconds = 0.0, iterationsPerSecond = 0.0, rollFirstYield = 0.0, rollYield = 0.0, rollPeakMB = 0.0
}

func json(_ s: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any] ?? [:]
}

/// The log-log plot: seconds against parts, and the n log n slopes through the first points.
func plot(_ rows: [Row], to folder: URL) throws {
    if let first = rows.first, first.parts > 0 {
        let nlogn = { (n: Double) in n * log2(n) }
        let secondsPerIteration = rows.filter { $0.iterationsPerSecond > 0 }.map { (x: Double($0.rollParts), y: 1 / $0.iterationsPerSecond) }
        var series = [
            LogLogPlot.Series(name: "first verified nest, hides (s)", points: rows.map { (Double($0.parts), $0.hideSeconds) },
                              color: Color(hex: 0x1F77B4)),
            LogLogPlot.Series(name: "nest command, all outputs (s)", points: rows.map { (Double($0.parts), $0.cliSeconds) },
                              color: Color(hex: 0x2CA02C)),
            LogLogPlot.Series(name: "optimizer, s per iteration", points: secondsPerIteration, color: Color(hex: 0xD62728)),
            LogLogPlot.Series(name: "peak memory, hides (GB)", points: rows.map { (Double($0.parts), $0.hidePeakMB / 1024) },
                              color: Color(hex: 0x9467BD)),
        ]
        series.append(LogLogPlot.Series(name: "n log n", points: rows.map {
            (Double($0.parts), first.hideSeconds * nlogn(Double($0.parts)) / nlogn(Double(first.parts)))
        }, color: Color(hex: 0x7F7F7F), dashed: true))
        if let p = secondsPerIteration.first {
            series.append(LogLogPlot.Series(name: "n log n (optimizer)", points: secondsPerIteration.map {
                ($0.x, p.y * nlogn($0.x) / nlogn(p.x))
            }, color: Color(hex: 0xFF9896), dashed: true))
        }
        let plot = LogLogPlot(title: "nest: cost against order size (2-core machine)", xLabel: "parts",
                              yLabel: "seconds, GB", series: series)
        try write(plot.svg(), folder.appendingPathComponent("scaling.svg"))
    }
}

/// Rows back from `scaling.json` (for `--replot`).
func load(_ url: URL) throws -> [Row] {
    let top = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    return (top["sizes"] as? [[String: Any]] ?? []).map { d in
        func n(_ k: String) -> Double { d[k] as? Double ?? Double(d[k] as? Int ?? 0) }
        var r = Row()
        r.parts = Int(n("parts"))
        r.hides = Int(n("hides"))
        r.hideSeconds = n("first_nest_seconds")
        r.cliSeconds = n("cli_seconds")
        r.hidePeakMB = n("peak_mb")
        r.rollParts = Int(n("roll_parts"))
        r.iterationsPerSecond = n("optimizer_iterations_per_second")
        return r
    }
}

if CommandLine.arguments.contains("--replot") {
    try plot(try load(outFolder.appendingPathComponent("scaling.json")), to: outFolder)
    exit(0)
}

var rows: [Row] = []
for n in sizesToRun {
    let folder = work.appendingPathComponent("\(n)")
    let (hides, _) = try makeJobs(parts: n, in: folder, iterations: iterations)
    var row = Row(hides: hides)
    FileHandle.standardError.write(Data("nest-scale: \(n) parts: hides...\n".utf8))
    let h = try spawn(me, ["--child", "hides", folder.path])
    let hj = json(h.output)
    guard hj["feasible"] as? Bool == true else { fatalError("the first nest of \(n) parts failed its verification") }
    row.parts = hj["parts"] as? Int ?? 0
    row.placed = hj["placed"] as? Int ?? 0
    row.sheets = hj["sheets"] as? Int ?? 0
    row.nestSeconds = hj["nest"] as? Double ?? 0
    row.verifySeconds = hj["verify"] as? Double ?? 0
    row.hideSeconds = (hj["read"] as? Double ?? 0) + row.nestSeconds + row.verifySeconds
    row.hideYield = hj["yield"] as? Double ?? 0
    row.hidePeakMB = h.peakMB
    FileHandle.standardError.write(Data("nest-scale: \(n) parts: nest command...\n".utf8))
    let c = try spawn(nestBinary, [folder.appendingPathComponent("hides.json").path, "-o", folder.appendingPathComponent("out").path, "--quiet"])
    row.cliSeconds = c.seconds
    row.cliPeakMB = c.peakMB
    FileHandle.standardError.write(Data("nest-scale: \(n) parts: roll...\n".utf8))
    let r = try spawn(me, ["--child", "roll", folder.path])
    let rj = json(r.output)
    guard rj["feasible"] as? Bool == true, rj["final_feasible"] as? Bool != false else { fatalError("roll of \(n) parts failed its verification") }
    row.rollParts = rj["parts"] as? Int ?? 0
    row.rollFirstSeconds = (rj["read"] as? Double ?? 0) + (rj["nest"] as? Double ?? 0) + (rj["verify"] as? Double ?? 0)
    row.rollFirstYield = rj["yield"] as? Double ?? 0
    row.rollYield = rj["final_yield"] as? Double ?? row.rollFirstYield
    row.iterationsPerSecond = Double(rj["optimizer_iterations"] as? Int ?? 0) / (rj["optimizer_seconds"] as? Double ?? 1)
    row.rollPeakMB = r.peakMB
    rows.append(row)
    FileHandle.standardError.write(Data("nest-scale: \(n) parts done\n".utf8))
}
try? FileManager.default.removeItem(at: work)

var table = """
    | parts (hides) | first verified nest on hides | of which nest / verify | placed, yield | peak memory | `nest` end to end (writes PDF, SVG) | roll: parts, first nest | optimizer it/s | roll yield first → after \(iterations) it. | roll peak memory |
    | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |

    """
for r in rows {
    table += String(format: "| %d (%d) | %.2f s | %.2f / %.2f s | %d on %d, %.2f %% | %.0f MB | %.2f s, %.0f MB | %d, %.2f s | %.1f | %.2f → %.2f %% | %.0f MB |\n",
                    r.parts, r.hides, r.hideSeconds, r.nestSeconds, r.verifySeconds, r.placed, r.sheets, r.hideYield, r.hidePeakMB,
                    r.cliSeconds, r.cliPeakMB, r.rollParts, r.rollFirstSeconds, r.iterationsPerSecond, r.rollFirstYield, r.rollYield,
                    r.rollPeakMB)
}
print(table)
try write(table, outFolder.appendingPathComponent("scaling.md"))
let records: [[String: Any]] = rows.map { r in
    ["parts": r.parts, "hides": r.hides, "first_nest_seconds": r.hideSeconds, "nest_seconds": r.nestSeconds,
     "verify_seconds": r.verifySeconds, "placed": r.placed, "sheets": r.sheets, "yield_percent": r.hideYield,
     "peak_mb": r.hidePeakMB, "cli_seconds": r.cliSeconds, "cli_peak_mb": r.cliPeakMB, "roll_parts": r.rollParts,
     "roll_first_nest_seconds": r.rollFirstSeconds, "optimizer_iterations_per_second": r.iterationsPerSecond,
     "roll_first_yield_percent": r.rollFirstYield, "roll_yield_percent": r.rollYield, "roll_peak_mb": r.rollPeakMB]
}
try JSONSerialization.data(withJSONObject: ["iterations": iterations, "sizes": records], options: [.prettyPrinted, .sortedKeys])
    .write(to: outFolder.appendingPathComponent("scaling.json"))

try plot(rows, to: outFolder)
