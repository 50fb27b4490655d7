import Foundation
import Testing

/// A job sent as its own files (`POST /api/bundle`, the web page's folder upload), through
/// the real `nest serve`: bundled by the code of `nest bundle` from the uploaded files only —
/// the same patterns and stock as the command's bundle, the files found by their path from
/// the job's folder or by their name alone; a referenced file not sent, a name that climbs
/// out of the upload or is absolute, a job naming a file outside the upload, and a body over
/// the limit refused with the file and item named, nothing left behind in the data folder;
/// and the page itself sending several chosen files in headless Chromium.
@Suite(.serialized) struct UploadTests {
    typealias Server = ServerTests.Server

    static func text(_ path: String) throws -> String {
        try String(contentsOf: Harness.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    static func upload(_ server: Server, _ body: Any) throws -> ServerTests.Reply {
        try ServerTests.request("POST", server.url.appendingPathComponent("api/bundle"), body: try JSONSerialization.data(withJSONObject: body))
    }

    /// The shipped mesh job's files as a folder (`shop/...`).
    static func folder() throws -> [String: Any] {
        ["shop/mesh-roll.json": try text("Patterns/mesh-roll.json"), "shop/runner.json": try text("Patterns/runner.json"),
         "shop/rolls/mesh-1400.json": ["base64": Data(try text("Patterns/rolls/mesh-1400.json").utf8).base64EncodedString()],
         "shop/notes.txt": "not named by the job"]
    }

    @Test func aJobSentAsItsFilesIsBundledAsTheCommandBundlesIt() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data, arguments: ["--workers", "0"])
        defer { server.stop() }
        let reply = try Self.upload(server, ["files": try Self.folder()])
        #expect(reply.status == 200, "\(reply.text)")
        let bundle = try #require(try reply.json()["bundle"] as? [String: Any])
        let made = try Harness.nest(["bundle", "Patterns/mesh-roll.json"])
        let cli = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])
        let line = try #require((bundle["order"] as? [[String: Any]])?.first), cliLine = try #require((cli["order"] as? [[String: Any]])?.first)
        #expect(NSDictionary(dictionary: try #require(line["pattern"] as? [String: Any])).isEqual(to: try #require(cliLine["pattern"] as? [String: Any])))
        #expect(line["source"] as? String == "shop/runner.json", "named as uploaded, never the scratch folder: \(line["source"] ?? "")")
        #expect(NSDictionary(dictionary: try #require(bundle["stock"] as? [String: Any])).isEqual(to: try #require(cli["stock"] as? [String: Any])))
        #expect(bundle["name"] as? String == "mesh-roll")
        // Several files chosen by name alone: found by name.
        let flat: [String: Any] = ["mesh-roll.json": try Self.text("Patterns/mesh-roll.json"), "runner.json": try Self.text("Patterns/runner.json"),
                                   "mesh-1400.json": try Self.text("Patterns/rolls/mesh-1400.json")]
        let byName = try Self.upload(server, ["files": flat])
        #expect(byName.status == 200, "\(byName.text)")
        // The bundle is a job the queue takes.
        let posted = try ServerTests.request("POST", server.url.appendingPathComponent("api/jobs"),
                                             body: try JSONSerialization.data(withJSONObject: bundle))
        #expect(posted.status == 201, "\(posted.text)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("uploads").path)) ?? []
        #expect(left.isEmpty, "scratch folders left: \(left)")
    }

    /// DXF and SVG patterns and a DXF hide, sent as bytes: the same bundle as the command's.
    @Test func cadFilesAreBundledAsTheCommandBundlesThem() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data.appendingPathComponent("data"), arguments: ["--workers", "0"])
        defer { server.stop() }
        let job = #"""
            {"format": "nest-job/1", "name": "cad", "stock": {"hides": ["cad/hide-cm.dxf"]},
             "order": [{"pattern": "cad/aama-curves.dxf", "sizes": {"42": 1}}, {"pattern": "cad/pieces.svg", "sizes": {"9": 1}}],
             "spacing": 2, "margin": 3, "iterations": 20}
            """#
        let cad = Harness.packageRoot.appendingPathComponent("Tests/NestIOTests/Files")
        var files: [String: Any] = ["job.json": job]
        for name in ["hide-cm.dxf", "aama-curves.dxf", "pieces.svg"] {
            let bytes = try Data(contentsOf: cad.appendingPathComponent(name))
            files["cad/\(name)"] = ["base64": bytes.base64EncodedString()]
            try FileManager.default.createDirectory(at: data.appendingPathComponent("cad"), withIntermediateDirectories: true)
            try bytes.write(to: data.appendingPathComponent("cad/\(name)"))
        }
        try job.write(to: data.appendingPathComponent("job.json"), atomically: true, encoding: .utf8)
        let reply = try Self.upload(server, ["files": files])
        #expect(reply.status == 200, "\(reply.text)")
        let bundle = try #require(try reply.json()["bundle"] as? [String: Any])
        let made = try Harness.nest(["bundle", data.appendingPathComponent("job.json").path])
        try #require(made.status == 0, "\(made.stderr)")
        let cli = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])
        // The importers' notes name each file as it was given (the upload's name, the command's
        // path): compared by count, the patterns without them.
        func split(_ document: [String: Any]) -> (patterns: [[String: Any]], notes: [Int]) {
            let patterns = ((document["order"] as? [[String: Any]]) ?? []).compactMap { $0["pattern"] as? [String: Any] }
            return (patterns.map { $0.filter { $0.key != "import_notes" } }, patterns.map { ($0["import_notes"] as? [String])?.count ?? 0 })
        }
        let (patterns, notes) = split(bundle), (cliPatterns, cliNotes) = split(cli)
        #expect(patterns.count == 2 && NSArray(array: patterns).isEqual(to: cliPatterns), "the same patterns as nest bundle")
        #expect(notes == cliNotes && notes.reduce(0, +) > 0, "\(notes) against \(cliNotes)")
        #expect(NSDictionary(dictionary: try #require(bundle["stock"] as? [String: Any])).isEqual(to: try #require(cli["stock"] as? [String: Any])))
        #expect(((bundle["order"] as? [[String: Any]]) ?? []).map { $0["source"] as? String ?? "" } == ["cad/aama-curves.dxf", "cad/pieces.svg"])
    }

    @Test func badUploadsAreRefusedWithTheFileAndItemNamed() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data, arguments: ["--workers", "0", "--max-file-mb", "1"])
        defer { server.stop() }
        var missing = try Self.folder()
        missing.removeValue(forKey: "shop/rolls/mesh-1400.json")
        var outside = try Self.folder()
        var job = try #require(try JSONSerialization.jsonObject(with: Data(try Self.text("Patterns/mesh-roll.json").utf8)) as? [String: Any])
        job["order"] = [["pattern": "../../../../etc/passwd", "sizes": ["8": 1]]]
        outside["shop/mesh-roll.json"] = String(decoding: try JSONSerialization.data(withJSONObject: job), as: UTF8.self)
        var absolute = try Self.folder()
        job["order"] = [["pattern": "/etc/passwd", "sizes": ["8": 1]]]
        absolute["shop/mesh-roll.json"] = String(decoding: try JSONSerialization.data(withJSONObject: job), as: UTF8.self)
        var badPattern = try Self.folder()
        badPattern["shop/runner.json"] = #"{"format": "nest-pattern/1", "panels": 3}"#
        let cases: [([String: Any], String)] = [
            (["files": missing], #"shop/mesh-roll.json: stock.roll: names the file \"rolls/mesh-1400.json\": it was not uploaded"#),
            (["files": outside], #"shop/mesh-roll.json: order[0] pattern: names \"../../../../etc/passwd\", outside the upload"#),
            (["files": absolute], #"shop/mesh-roll.json: order[0] pattern: names \"/etc/passwd\", outside the upload"#),
            (["files": ["../evil.json": "{}"]], #"upload: files[\"../evil.json\"]: a file's name must be a path inside the upload"#),
            (["files": ["/etc/cron.d/x": "{}"]], #"upload: files[\"/etc/cron.d/x\"]: a file's name must be a path inside the upload"#),
            (["files": ["runner.json": try Self.text("Patterns/runner.json")]], "upload: job: no job file"),
            (["files": ["a.json": try Self.text("Patterns/mesh-roll.json"), "b.json": try Self.text("Patterns/mesh-roll.json")]],
             "upload: job: 2 job files (a.json, b.json)"),
            (["files": ["x.bin": ["base64": "%%%"]]], #"upload: files[\"x.bin\"]: give the file's text"#),
            (["file": [:]], "upload: files: missing"),
            (["files": badPattern], "shop/runner.json: "),
        ]
        for (body, message) in cases {
            let reply = try Self.upload(server, body)
            #expect(reply.status == 400 && reply.text.contains(message), "\(message)\n→ \(reply.status) \(reply.text)")
            #expect(!reply.text.contains("uploads/"), "the scratch folder is never named: \(reply.text)")
        }
        let garbage = try ServerTests.request("POST", server.url.appendingPathComponent("api/bundle"), body: Data("[1,".utf8))
        #expect(garbage.status == 400 && garbage.text.contains("upload: not a JSON object"), "\(garbage.text)")
        // Over --max-file-mb (1 MiB): refused before it is read.
        var big = try Self.folder()
        big["shop/padding.txt"] = String(repeating: "x", count: 1_200_000)
        let oversized = try Self.upload(server, ["files": big])
        #expect(oversized.status == 413 && oversized.text.contains("--max-file-mb"), "\(oversized.status) \(oversized.text)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("uploads").path)) ?? []
        #expect(left.isEmpty, "scratch folders left: \(left)")
        let yaml = try ServerTests.request("GET", server.url.appendingPathComponent("api/openapi.yaml")).text
        for path in ["/api/bundle:", "/api/orders/{id}/lines:", "/api/orders/{id}/hides/{n}/discard:", "parts_reserved:"] {
            #expect(yaml.contains(path), "the OpenAPI document describes \(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("evil.json").path))
    }

    @Test func thePageSendsAJobChosenAsSeveralFiles() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data.appendingPathComponent("data"), arguments: ["--workers", "0"])
        defer { server.stop() }
        let root = Harness.packageRoot.appendingPathComponent("Patterns")
        let files = ["mesh-roll.json", "runner.json", "rolls/mesh-1400.json"].map { root.appendingPathComponent($0).path }
        let python = try #require(Harness.which("python3"))
        let chromium = try #require(Harness.which("chromium") ?? Harness.which("chromium-browser"))
        let driver = Harness.packageRoot.appendingPathComponent("Tests/WebPage/drive_upload.py")
        let run = try Harness.run(python, [driver.path, chromium.path, WebPageTests.page(server), files[0], "--"] + files)
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((shown["refusal"] as? String)?.contains("names the file \"runner.json\": it was not uploaded") == true, "\(shown)")
        #expect(shown["chosen"] as? Int == 3 && shown["row_status"] as? String == "queued", "\(shown)")
        #expect((shown["queued"] as? String)?.contains("from 3 files") == true, "\(shown)")
        let id = try #require(shown["job"] as? Int)
        let job = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(id)")).json()
        #expect(job["name"] as? String == "mesh-roll" && job["priority"] as? Int == 4, "\(job)")
    }
}
