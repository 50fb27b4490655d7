import Foundation

/// Where the job queue lives, as `--database` names it: `sqlite:PATH` (one machine) or
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (a queue several machines share).
///
/// Parsing checks the form only; whether the database answers is found out on opening
/// (`QueueOpener`). The password never appears in `description` or in an error.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// A PostgreSQL server and database. `sslmode` as libpq's: `disable`, `prefer` (default:
    /// TLS when the server offers it) or `require`; `?host=/run/postgresql` reaches the
    /// server through its Unix socket in that folder.
    public struct PostgresLocation: Sendable, Equatable {
        public var user: String
        public var password: String?
        public var host: String
        public var port: Int
        public var database: String
        public var socketFolder: String?
        public var sslmode: String

        /// The URL without its password.
        public var redacted: String {
            let place = socketFolder.map { "?host=\($0)" } ?? ""
            return "postgresql://\(user)@\(host):\(port)/\(database)\(place)"
        }
    }

    /// A refused `--database` value; the message names it (without its password) and says
    /// what is wrong.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let p): p.redacted
        }
    }

    public init(parsing text: String) throws {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw Invalid(description: "--database: sqlite:PATH needs a path") }
            self = .sqlite(path: path)
            return
        }
        guard text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") else {
            throw Invalid(description: "--database: \"\(text.prefix(60))\": give sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE")
        }
        let form = "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        // The text without its password, for messages.
        let shown: String = {
            guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"),
                  let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return String(text.prefix(100)) }
            return String(text[..<colon]) + ":***" + String(text[at...]).prefix(100)
        }()
        guard let url = URLComponents(string: text) else {
            throw Invalid(description: "--database: \(shown): not a URL (\(form))")
        }
        guard let user = url.user, !user.isEmpty else {
            throw Invalid(description: "--database: \(shown): no user name (\(form))")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard !database.isEmpty, !database.contains("/") else {
            throw Invalid(description: "--database: \(shown): no database name after the host (\(form))")
        }
        var socketFolder: String?
        var sslmode = "prefer"
        for item in url.queryItems ?? [] {
            switch item.name {
            case "host" where item.value?.hasPrefix("/") == true: socketFolder = item.value
            case "sslmode" where ["disable", "prefer", "require"].contains(item.value ?? ""): sslmode = item.value!
            default:
                throw Invalid(description: "--database: \(shown): unknown parameter \"\(item.name)=\(item.value ?? "")\" (host=/SOCKET/FOLDER, sslmode=disable|prefer|require)")
            }
        }
        let host = url.host ?? ""
        guard !host.isEmpty || socketFolder != nil else {
            throw Invalid(description: "--database: \(shown): no host (\(form))")
        }
        if let port = url.port, !(1...65535).contains(port) {
            throw Invalid(description: "--database: \(shown): port \(port) is not 1 to 65535")
        }
        // URLComponents gives user, password and path already percent-decoded.
        self = .postgres(PostgresLocation(user: user, password: url.password, host: host.isEmpty ? "localhost" : host,
                                          port: url.port ?? 5432, database: database, socketFolder: socketFolder, sslmode: sslmode))
    }
}
