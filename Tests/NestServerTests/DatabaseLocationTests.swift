import NestServer
import Testing

/// `--database` values: what each form gives, and what is refused with which message; the
/// password never shown.
struct DatabaseLocationTests {
    @Test func sqliteTakesAPath() throws {
        #expect(try DatabaseLocation(parsing: "sqlite:/srv/nest/queue.sqlite") == .sqlite(path: "/srv/nest/queue.sqlite"))
        #expect(throws: DatabaseLocation.Invalid.self) { try DatabaseLocation(parsing: "sqlite:") }
    }

    @Test func aPostgreSQLURLGivesEachPart() throws {
        let location = try DatabaseLocation(parsing: "postgresql://cutting%40room:p%25ss%3Aword@db.local:6543/nest%20queue?sslmode=require")
        guard case .postgres(let p) = location else { Issue.record("not PostgreSQL: \(location)"); return }
        #expect(p.user == "cutting@room" && p.password == "p%ss:word" && p.host == "db.local" && p.port == 6543)
        #expect(p.database == "nest queue" && p.sslmode == "require" && p.socketFolder == nil)
        #expect(!location.description.contains("p%ss") && !location.description.contains("word"))

        let plain = try DatabaseLocation(parsing: "postgres://nest@127.0.0.1/nest")
        guard case .postgres(let q) = plain else { Issue.record("not PostgreSQL: \(plain)"); return }
        #expect(q.user == "nest" && q.password == nil && q.host == "127.0.0.1" && q.port == 5432 && q.database == "nest")
        #expect(q.sslmode == "prefer" && plain.description == "postgresql://nest@127.0.0.1:5432/nest")
        let socket = try DatabaseLocation(parsing: "postgresql://nest@/nest?host=/run/postgresql")
        guard case .postgres(let s) = socket else { Issue.record("not PostgreSQL: \(socket)"); return }
        #expect(s.socketFolder == "/run/postgresql" && s.port == 5432)
    }

    @Test(arguments: [
        ("mysql://nest@db/nest", "give sqlite:PATH or postgresql://"),
        ("postgresql://db.local:5432/nest", "no user name"),
        ("postgresql://nest@db.local:5432", "no database name"),
        ("postgresql://nest@db.local:5432/a/b", "no database name"),
        ("postgresql://nest:hunter2@db.local/nest?sslmode=sometimes", "unknown parameter"),
        ("postgresql://nest@db.local:70000/nest", "port"),
    ])
    func badValuesAreRefusedNamingTheOption(text: String, problem: String) {
        do {
            _ = try DatabaseLocation(parsing: text)
            Issue.record("\(text) was accepted")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("--database: ") && message.contains(problem), "\(message)")
            #expect(!message.contains("hunter2"), "\(message)")
        }
    }
}
