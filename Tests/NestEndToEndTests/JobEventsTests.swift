import Foundation
import Testing

/// `GET /api/jobs/{id}/events`: a job's progress as server-sent events, ending with its final
/// status, and the stream of a job already over.
@Suite(.serialized) struct JobEventsTests {
    /// The events of a stream's text, in order: (event, data).
    static func events(_ text: String) -> [(String, String)] {
        text.components(separatedBy: "\n\n").compactMap { block in
            var name: String?, data: String?
            for line in block.split(separator: "\n") {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
            }
            guard let name, let data else { return nil }
            return (name, data)
        }
    }

    static func object(_ data: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] ?? [:]
    }

    @Test func progressIsStreamedUntilTheJobIsDone() throws {
        let data = try Harness.temporaryFolder()
        let server = try ServerTests.Server(data: data, arguments: ["--heartbeat-seconds", "0.1"])
        defer { server.stop() }
        // Long enough an optimization (about two seconds here) that the stream, which reads
        // the queue every 0.2 s and sends the latest progress, sees its phase even on a
        // loaded machine: 300 iterations once went by between two reads.
        let posted = try ServerTests.request("POST", server.url.appendingPathComponent("api/jobs"), body: try ServerTests.bundle(iterations: 2000))
        let id = try #require(try posted.json()["id"] as? Int)
        // The reply ends when the stream does: at the job's end.
        let stream = try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(id)/events"))
        #expect(stream.status == 200)
        let events = Self.events(stream.text)
        #expect(events.first?.0 == "status", "\(stream.text.prefix(300))")
        let progress = events.filter { $0.0 == "progress" }.map { Self.object($0.1) }
        #expect(!progress.isEmpty, "\(stream.text.prefix(500))")
        #expect(progress.allSatisfy { $0["parts_total"] is Int && $0["yield_percent"] is Double && $0["phase"] is String })
        #expect(progress.contains { $0["phase"] as? String == "optimizing" }, "\(progress)")
        let last = try #require(events.last)
        #expect(last.0 == "end" && Self.object(last.1)["status"] as? String == "done", "\(last)")
        #expect(events.filter { $0.0 == "end" }.count == 1)
        // A job already over: its status and the end at once.
        let again = Self.events(try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/\(id)/events")).text)
        #expect(again.map(\.0) == ["status", "progress", "end"] || again.map(\.0) == ["status", "end"], "\(again.map(\.0))")
        #expect(try ServerTests.request("GET", server.url.appendingPathComponent("api/jobs/999/events")).status == 404)
    }
}
