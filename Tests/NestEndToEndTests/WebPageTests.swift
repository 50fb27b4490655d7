import Foundation
import Testing

/// The web page at `/` of the real `nest serve`, loaded in headless Chromium: its script
/// runs, polls the API and draws the queue (a finished job's row, its status and the links
/// to its files); the page is self-contained; with a token file it still loads and asks for
/// the token, which it then sends; and driven as a user would (`Tests/WebPage/drive_page.py`,
/// the DevTools protocol over a pipe): a file sent with its form, a priority changed, a queued
/// and a running job cancelled, each seen by the API, and a file opened with the token.
@Suite(.serialized) struct WebPageTests {
    typealias Server = ServerTests.Server

    /// `chromium --headless=new --dump-dom URL`: the DOM after the page's script ran for
    /// `budget` ms of virtual time (network waits do not count against it).
    static func dumpDOM(_ url: String, budget: Int = 5000) throws -> String {
        let chromium = try #require(Harness.which("chromium") ?? Harness.which("chromium-browser"),
                                    "chromium is needed (apt-get install chromium, as in the README)")
        let profile = try Harness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        let run = try Harness.run(chromium, ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                             "--user-data-dir=\(profile.path)", "--virtual-time-budget=\(budget)",
                                             "--dump-dom", url])
        try #require(run.status == 0, "chromium: status \(run.status): \(run.stderr.suffix(2000))")
        return run.stdout
    }

    /// The page's address: the server's, ending in `/`.
    static func page(_ server: Server) -> String {
        let url = server.url.absoluteString
        return url.hasSuffix("/") ? url : url + "/"
    }

    /// The `<tr>` of job `id` in a dumped DOM.
    static func row(_ id: Int, in dom: String) -> String? {
        guard let start = dom.range(of: "<tr data-job-id=\"\(id)\"") else { return nil }
        guard let end = dom.range(of: "</tr>", range: start.upperBound..<dom.endIndex) else { return nil }
        return String(dom[start.lowerBound..<end.upperBound])
    }

    @Test func theQueueIsDrawnInChromiumWithAFinishedJobsFiles() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data)
        defer { server.stop() }
        let posted = try ServerTests.request("POST", server.url.appendingPathComponent("api/jobs"),
                                             body: try ServerTests.bundle(iterations: 20))
        #expect(posted.status == 201, "\(posted.text)")
        let id = try #require(try posted.json()["id"] as? Int)
        // A second one, behind the first (one worker, lower priority), cancelled while it
        // waits: the table then holds two final states.
        let second = try ServerTests.request("POST", URL(string: Self.page(server) + "api/jobs?priority=-5")!,
                                             body: try ServerTests.bundle(iterations: 20))
        let other = try #require(try second.json()["id"] as? Int)
        let cancelled = try ServerTests.request("POST", server.url.appendingPathComponent("api/jobs/\(other)/cancel"))
        #expect(cancelled.status == 200 && (try? cancelled.json())?["status"] as? String == "cancelled", "\(cancelled.text)")
        let job = try ServerTests.wait(for: id, at: server, until: ["done", "failed"], seconds: 120)
        #expect(job["status"] as? String == "done", "\(job)")

        let dom = try Self.dumpDOM(Self.page(server))
        #expect(dom.contains("data-loaded="), "the page's script did not draw the queue:\n\(dom.suffix(3000))")
        let row = try #require(Self.row(id, in: dom), "no row for job \(id):\n\(dom.suffix(3000))")
        #expect(row.contains("data-status=\"done\""), "\(row)")
        #expect(row.contains(">done</td>"), "\(row)")
        #expect(row.contains(">mesh-roll<") || row.contains(">\(job["name"] as? String ?? "?")<"), "\(row)")
        for name in ["report.json", "cut-sheets.pdf", "index.html"] {
            #expect(row.contains("href=\"api/jobs/\(id)/files/\(name)\""), "no link to \(name): \(row)")
        }
        // The links lead to the files.
        let report = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(id)/files/report.json"))
        #expect(report.status == 200 && (try? report.json())?["yield_percent"] != nil)
        let otherRow = try #require(Self.row(other, in: dom), "no row for job \(other)")
        #expect(otherRow.contains("data-status=\"cancelled\""), "\(otherRow)")
        #expect(otherRow.contains("value=\"-5\""), "its priority: \(otherRow)")
        #expect(row.contains("value=\"0\""), "its priority: \(row)")
    }

    @Test func thePageIsSelfContainedAndLoadsWithoutTheToken() throws {
        let data = try Harness.temporaryFolder()
        let tokenFile = data.appendingPathComponent("token")
        let token = "s3cret-token-of-the-cutting-room"
        try "\(token)\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let server = try Server(data: data.appendingPathComponent("data"), arguments: ["--workers", "0", "--token-file", tokenFile.path])
        defer { server.stop() }

        let page = try ServerTests.request("GET", URL(string: Self.page(server))!)
        #expect(page.status == 200)
        let html = page.text
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<script>") && html.contains("<style>"))
        // Nothing from anywhere else: no URL with a scheme, no script or style by reference.
        for outside in ["http://", "https://", "//cdn", "<script src", "<link", "@import", "url("] {
            #expect(!html.contains(outside), "the page refers to \(outside)")
        }
        // The API still needs the token; the page is the only other thing served without it.
        #expect(try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs")).status == 401)
        #expect(try ServerTests.request("POST", URL(string: Self.page(server))!, body: Data("{}".utf8)).status == 401)
        let posted = try ServerTests.request("POST", server.url.appendingPathComponent("api/jobs"),
                                             body: try ServerTests.bundle(iterations: 20), token: token)
        let id = try #require(try posted.json()["id"] as? Int)

        // Without the token the page says so; given it (in the fragment), it draws the queue.
        let refused = try Self.dumpDOM(Self.page(server), budget: 3000)
        #expect(refused.contains("401") && refused.contains("enter the server"), "\(refused.suffix(2000))")
        #expect(Self.row(id, in: refused) == nil)
        let given = try Self.dumpDOM(Self.page(server) + "#token=" + token, budget: 3000)
        let row = try #require(Self.row(id, in: given), "no row for job \(id):\n\(given.suffix(3000))")
        #expect(row.contains("data-status=\"queued\""), "\(row)")
    }

    @Test func aUserSendsAJobChangesItsPriorityAndCancelsItFromThePage() throws {
        let data = try Harness.temporaryFolder()
        let tokenFile = data.appendingPathComponent("token")
        let token = "s3cret-token-of-the-cutting-room"
        try "\(token)\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        // One worker, kept busy by a long job, so the job the page sends stays queued.
        let server = try Server(data: data.appendingPathComponent("data"), arguments: ["--workers", "1", "--token-file", tokenFile.path])
        defer { server.stop() }
        let busy = try ServerTests.request("POST", server.url.appendingPathComponent("api/jobs"),
                                           body: try ServerTests.bundle(iterations: 10_000_000), token: token)
        let running = try #require(try busy.json()["id"] as? Int)
        // Cancelled in its optimizer, it writes its best nest (as ServerTests shows).
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let job = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(running)"), token: token).json()
            if ((job["progress"] as? [String: Any])?["phase"] as? String) == "optimizing" { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let bundle = data.appendingPathComponent("mesh-bundle.json")
        try ServerTests.bundle(iterations: 20).write(to: bundle)
        let bad = data.appendingPathComponent("not-a-job.json")
        try Data(#"{"name": "x", "parts": "none"}"#.utf8).write(to: bad)

        let python = try #require(Harness.which("python3"))
        let chromium = try #require(Harness.which("chromium") ?? Harness.which("chromium-browser"))
        let driver = Harness.packageRoot.appendingPathComponent("Tests/WebPage/drive_page.py")
        let run = try Harness.run(python, [driver.path, chromium.path, Self.page(server) + "#token=" + token,
                                          bundle.path, bad.path, String(running)])
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        // The API's refusal, as it gave it, on the page.
        #expect((shown["refusal"] as? String)?.contains("not-a-job.json: 400: request: ") == true, "\(shown)")
        #expect(shown["row_status"] as? String == "queued" && shown["row_priority"] as? String == "7", "\(shown)")
        #expect(shown["row_status_after"] as? String == "cancelled", "\(shown)")
        let id = try #require(shown["job"] as? Int)
        // What the API holds: the job the page sent, its priority changed, cancelled.
        let job = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(id)"), token: token).json()
        #expect(job["name"] as? String == "mesh-roll" && job["priority"] as? Int == 3 && job["status"] as? String == "cancelled", "\(job)")
        let jobs = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs"), token: token).json()
        #expect((jobs["jobs"] as? [Any])?.count == 2, "the refused file queued nothing: \(jobs)")
        // The running job cancelled from its row, then its report opened from its link with the token.
        #expect(shown["running_status"] as? String == "running" && shown["running_status_after"] as? String == "cancelled", "\(shown)")
        let opened = try #require(shown["opened_report"] as? [String: Any], "\(shown)")
        let served = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(running)/files/report.json"), token: token).json()
        #expect(opened["yield_percent"] as? Double == served["yield_percent"] as? Double && opened["yield_percent"] != nil)
    }
    /// At the cutting table, from the page: an order opened from a bundle, a file that is not a
    /// hide refused with the API's message, the hide sent, its row nested, its cut confirmed
    /// with the row's button; the API then has the parts booked. A second hide, nested, holds
    /// its parts until it is given up with its row's button.
    @Test func anOperatorOpensAnOrderNestsAHideAndConfirmsItsCutFromThePage() throws {
        let data = try Harness.temporaryFolder()
        let server = try Server(data: data.appendingPathComponent("data"), arguments: ["--workers", "1"])
        defer { server.stop() }
        var order = try #require(try JSONSerialization.jsonObject(with: try OrderServerTests.order()) as? [String: Any])
        order["samples"] = 40
        order["iterations"] = 20
        let orderFile = data.appendingPathComponent("order.json")
        try JSONSerialization.data(withJSONObject: order).write(to: orderFile)
        let bad = data.appendingPathComponent("not-a-hide.json")
        try Data(#"{"name": "x", "outline": "none"}"#.utf8).write(to: bad)
        let hide = Harness.packageRoot.appendingPathComponent("Patterns/hides/calf-01.json")
        // One pair more (16 leather parts), and a 20 mm brand at the middle of the calf's box.
        let lines = data.appendingPathComponent("lines.json")
        try Data(#"{"order": [{"pattern": "runner.json", "sizes": {"9": 1}}]}"#.utf8).write(to: lines)
        let calf = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: hide)) as? [String: Any])
        let ring = try #require(calf["outline"] as? [[Double]])
        let cx = (ring.map { $0[0] }.min()! + ring.map { $0[0] }.max()!) / 2, cy = (ring.map { $0[1] }.min()! + ring.map { $0[1] }.max()!) / 2
        let defect = data.appendingPathComponent("defect.json")
        try JSONSerialization.data(withJSONObject: ["kind": "brand", "outline": [[cx - 10, cy - 10], [cx + 10, cy - 10], [cx + 10, cy + 10], [cx - 10, cy + 10]]])
            .write(to: defect)

        let python = try #require(Harness.which("python3"))
        let chromium = try #require(Harness.which("chromium") ?? Harness.which("chromium-browser"))
        let driver = Harness.packageRoot.appendingPathComponent("Tests/WebPage/drive_session.py")
        let run = try Harness.run(python, [driver.path, chromium.path, Self.page(server), orderFile.path, hide.path, bad.path,
                                                  lines.path, defect.path])
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((shown["opened"] as? String)?.contains("320 parts") == true, "\(shown)")
        #expect((shown["order_line"] as? String)?.contains("320 parts left, 0 hides cut") == true, "\(shown)")
        #expect((shown["refusal"] as? String)?.contains("not-a-hide.json: 400: hide: ") == true, "\(shown)")
        #expect(shown["nested"] as? String == "nested" && shown["confirmed"] as? String == "confirmed", "\(shown)")
        #expect((shown["files"] as? [String])?.contains("report.json") == true, "\(shown)")
        #expect(shown["confirm_hidden"] as? Bool == true)
        let placed = try #require(Int(shown["placed"] as? String ?? ""), "\(shown)")
        #expect((shown["order_line_after"] as? String)?.contains("\(320 - placed) parts left, 1 hide cut") == true, "\(shown)")
        // What the API holds: the hide booked.
        let opened = try #require(Int((shown["opened"] as? String ?? "").split(separator: " ")[2]))
        let now = try ServerTests.request("GET", server.url.appendingPathComponent("api/orders/\(opened)")).json()
        #expect(now["parts_left"] as? Int == 336 - placed && placed > 0, "the hide booked, a pair added: \(now)")
        // The second hide: held, then given up from its row.
        #expect(shown["second_nested"] as? String == "nested" && shown["discarded"] as? String == "discarded", "\(shown)")
        #expect((shown["order_line_held"] as? String)?.contains("held by nested hides") == true, "\(shown)")
        // Pairs added from the page: 16 parts, the nested hide nested again; then a late defect.
        #expect((shown["lines_message"] as? String)?.hasPrefix("Added 16 parts, \(336 - placed) left; nesting hide 2 again") == true, "\(shown)")
        #expect(shown["renested_after_lines"] as? String == "nested", "\(shown)")
        #expect((shown["defect_message"] as? String)?.hasPrefix("Hide 2: defect marked, nesting it again") == true, "\(shown)")
        #expect((shown["renested_after_defect"] as? String)?.contains("(1 late defect)") == true, "\(shown)")
        #expect((shown["discard_message"] as? String)?.contains("Hide 2: given up, \(336 - placed) parts free") == true, "\(shown)")
        #expect((shown["order_line_released"] as? String)?.contains("\(336 - placed) parts left, 1 hide cut") == true, "\(shown)")
        let hides = try #require(now["hides"] as? [[String: Any]])
        #expect(hides.count == 2 && hides[1]["status"] as? String == "discarded", "\(hides)")
    }
}
