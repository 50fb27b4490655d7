import ArgumentParser

/// The program's entry: `nest JOB.json [options]` runs a job; a few verbs name other
/// commands (`nest VERB ...`). Dispatching by hand keeps `nest --help` about the main
/// command and its options, which is what most users want.
@main
enum Entry {
    /// Other commands, by the verb that starts them.
    static let commands: [(verb: String, command: any ParsableCommand.Type, summary: String)] = server + [
        ("import", ImportCommand.self, "read a DXF, SVG or JSON pattern or hide; write normalized JSON, DXF or SVG"),
        ("check", CheckCommand.self, "validate patterns, hides and jobs without nesting; list every problem"),
        ("bundle", BundleCommand.self, "write a job with every file it names inlined, as one JSON document"),
        ("batch", BatchCommand.self, "nest many jobs, N at a time, each into its own folder; write batch.json and batch.csv"),
    ]

    /// `nest serve` and `nest worker`, in every build but one made without the server (`NEST_WITHOUT_SERVER`).
    #if canImport(NestServer)
    static let server: [(verb: String, command: any ParsableCommand.Type, summary: String)] = [
        ("serve", ServeCommand.self, "run the nesting server: an HTTP API over a job queue, with workers"),
        ("worker", WorkerCommand.self, "nest jobs from a server's PostgreSQL queue on this machine (no HTTP)"),
    ]
    #else
    static let server: [(verb: String, command: any ParsableCommand.Type, summary: String)] = []
    #endif

    static var otherCommandsHelp: String {
        guard !commands.isEmpty else { return "" }
        return "\nOther commands:\n" + commands.map { "  nest \($0.verb) ...   \($0.summary)" }.joined(separator: "\n")
    }

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let verb = arguments.first, let match = commands.first(where: { $0.verb == verb }) {
            if let server = match.command as? any AsyncParsableCommand.Type {
                await server.main(Array(arguments.dropFirst()))
            } else {
                match.command.main(Array(arguments.dropFirst()))
            }
        } else {
            RunCommand.main(arguments)
        }
    }
}
