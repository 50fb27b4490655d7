import Foundation
import NestGeometry
import NestIO

/// A job sent as its files (a folder, or several files, chosen in the web page) made into
/// one bundled document, as `nest bundle JOB.json` makes it: the job JSON and the pattern,
/// hide and roll files it names (JSON, DXF, SVG).
///
/// The request is `{"job": NAME?, "files": {NAME: TEXT or {"base64": BYTES}}}`; names are
/// paths relative to the upload (`runner/hide.json`, `runner/hides/cow-side-01.json`).
/// The job is the file `job` names, or else the one file whose JSON says
/// `"format": "nest-job/1"`.
///
/// Guarantees: nothing of the server's file system is ever read — every file the job
/// names must be one of the uploaded files: the file at that path from the job's folder,
/// or else the one uploaded file of that name (a browser sends several chosen files by
/// name alone); an absolute name, or one with `..`, is refused. Only the job and the
/// files it names are written, into a fresh folder under `scratch`, which is removed
/// afterwards; then `JobBundle` (the code of `nest bundle`) reads them, with the command's
/// limits. Every refusal is an `InputError` naming the upload's file and item
/// (`upload: files["../x"]: …`, `runner/hide.json: order[0] pattern: …`).
struct UploadBundle {
    /// Where the upload's scratch folders are made (`DATA/uploads`).
    let scratch: String
    /// At most this many files in one upload.
    static let maxFiles = 2_000

    /// The files of the request body `data`, by their checked names.
    static func files(_ data: Data) throws -> (job: String?, files: [String: Data]) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputError(file: "upload", item: "", problem: "not a JSON object: send {\"files\": {NAME: TEXT or {\"base64\": …}}}")
        }
        guard let listed = object["files"] as? [String: Any], !listed.isEmpty else {
            throw InputError(file: "upload", item: "files", problem: "missing or empty: give the job's files as {NAME: TEXT or {\"base64\": …}}")
        }
        guard listed.count <= maxFiles else {
            throw InputError(file: "upload", item: "files", problem: "\(listed.count) files, more than \(maxFiles)")
        }
        var files: [String: Data] = [:]
        for (name, content) in listed.sorted(by: { $0.key < $1.key }) {
            let item = "files[\"\(name.prefix(200))\"]"
            guard let path = safe(name) else {
                throw InputError(file: "upload", item: item, problem: "a file's name must be a path inside the upload (no leading \"/\", no \"..\"): refused")
            }
            let bytes: Data
            switch content {
            case let text as String:
                bytes = Data(text.utf8)
            case let wrapped as [String: Any]:
                guard let encoded = wrapped["base64"] as? String, let decoded = Data(base64Encoded: encoded) else {
                    throw InputError(file: "upload", item: item, problem: "give the file's text, or {\"base64\": BYTES} in base64")
                }
                bytes = decoded
            default:
                throw InputError(file: "upload", item: item, problem: "give the file's text, or {\"base64\": BYTES} in base64")
            }
            let limit = InputLimits.current.maxFileBytes
            guard bytes.count <= limit else {
                throw InputError(file: "upload", item: item, problem:
                    "\(bytes.count) bytes, more than the limit of \(limit / 1_048_576) MiB per file (--max-file-mb)")
            }
            guard files[path] == nil else { throw InputError(file: "upload", item: item, problem: "sent twice") }
            files[path] = bytes
        }
        var job: String?
        if let named = object["job"] {
            guard let text = named as? String, let path = safe(text), files[path] != nil else {
                throw InputError(file: "upload", item: "job", problem: "names no file of the upload")
            }
            job = path
        }
        return (job, files)
    }

    /// `name` as a clean relative path (`a/b.json`; `./` and doubled slashes dropped), or nil
    /// when it is absolute, climbs out (`..`), or holds a backslash or a control character.
    static func safe(_ name: String) -> String? {
        guard !name.isEmpty, name.utf8.count <= 1024, !name.hasPrefix("/"), !name.contains("\\"),
              !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else { return nil }
        let parts = name.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !parts.isEmpty, !parts.contains("..") else { return nil }
        return parts.joined(separator: "/")
    }

    /// The bundle of the uploaded job, and the readers' notes.
    func bundle(_ data: Data, kernel: GeometryKernel) throws -> (document: JSONValue, notes: [String]) {
        let (named, files) = try Self.files(data)
        let jobName = try named ?? Self.findJob(files)
        let jobFolder = (jobName as NSString).deletingLastPathComponent
        guard let job = try? JSONSerialization.jsonObject(with: files[jobName]!) as? [String: Any] else {
            throw InputError(file: jobName, item: "", problem: "not a JSON object (a nest-job/1 file)")
        }
        // Each file the job names, resolved among the uploaded files only.
        var needed: [String: Data] = [jobName: files[jobName]!]
        for (item, reference) in Self.references(job) {
            guard let path = Self.safe(reference) else {
                throw InputError(file: jobName, item: item, problem:
                    "names \"\(reference.prefix(200))\", outside the upload: a job sent as files may name only files sent with it")
            }
            let beside = Self.safe(jobFolder.isEmpty ? path : jobFolder + "/" + path)!
            let byName = files.keys.filter { ($0 as NSString).lastPathComponent == (path as NSString).lastPathComponent }
            let found: String? = files[beside] != nil ? beside : (byName.count == 1 ? byName[0] : nil)
            guard let found else {
                let why = byName.count > 1 ? "several uploaded files are named so (\(byName.sorted().joined(separator: ", ")))" : "it was not uploaded"
                throw InputError(file: jobName, item: item, problem: "names the file \"\(reference.prefix(200))\": \(why)")
            }
            needed[beside] = files[found]!
        }
        // Only those, in a folder of their own; then `nest bundle`'s own code reads them.
        let folder = (scratch as NSString).appendingPathComponent(UUID().uuidString)
        let fm = FileManager.default
        defer { try? fm.removeItem(atPath: folder) }
        for (path, bytes) in needed {
            let full = (folder as NSString).appendingPathComponent(path)
            do {
                try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try bytes.write(to: URL(fileURLWithPath: full), options: .withoutOverwriting)
            } catch {
                throw InputError(file: path, item: "", problem: "cannot be laid out beside the job's other files (a file and a folder of one name?)")
            }
        }
        // Names as the upload gave them, never the scratch folder.
        let prefix = folder + "/"
        do {
            let made = try JobBundle.bundle(path: prefix + jobName, kernel: kernel)
            return (Self.unprefixed(made.document, prefix), made.notes.map { $0.replacingOccurrences(of: prefix, with: "") })
        } catch let e as InputError {
            throw InputError(file: e.file.replacingOccurrences(of: prefix, with: ""), item: e.item,
                             problem: e.problem.replacingOccurrences(of: prefix, with: ""))
        }
    }

    /// `value` with `prefix` taken off the start of every string (the `source` of each line).
    static func unprefixed(_ value: JSONValue, _ prefix: String) -> JSONValue {
        switch value {
        case .string(let s) where s.hasPrefix(prefix): return .string(String(s.dropFirst(prefix.count)))
        case .array(let items): return .array(items.map { unprefixed($0, prefix) })
        case .object(let fields): return .object(fields.map { ($0.0, unprefixed($0.1, prefix)) })
        default: return value
        }
    }

    /// The one job file among `files` (JSON saying `"format": "nest-job/1"`).
    static func findJob(_ files: [String: Data]) throws -> String {
        let jobs = files.filter { name, bytes in
            name.lowercased().hasSuffix(".json")
                && ((try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any])?["format"] as? String == JobReader.format
        }.keys.sorted()
        guard jobs.count == 1 else {
            throw InputError(file: "upload", item: "job", problem: jobs.isEmpty
                ? "no job file (JSON with \"format\": \"\(JobReader.format)\") among the \(files.count) files"
                : "\(jobs.count) job files (\(jobs.joined(separator: ", "))): name the one to send with \"job\"")
        }
        return jobs[0]
    }

    /// The files `job` names, with the item that names each: the order lines' patterns, the
    /// hides, the roll.
    static func references(_ job: [String: Any]) -> [(item: String, path: String)] {
        var out: [(String, String)] = []
        for (i, line) in ((job["order"] as? [Any]) ?? []).enumerated() {
            if let path = (line as? [String: Any])?["pattern"] as? String { out.append(("order[\(i)] pattern", path)) }
        }
        let stock = job["stock"] as? [String: Any]
        for (i, hide) in ((stock?["hides"] as? [Any]) ?? []).enumerated() {
            if let path = hide as? String { out.append(("stock.hides[\(i)]", path)) }
        }
        if let roll = stock?["roll"] as? String { out.append(("stock.roll", roll)) }
        return out
    }
}
