import Foundation

/// Reads a JSON file into a `Decodable` file representation, turning every failure into
/// an `InputError` that names the file and the place in it.
enum JSONFile {
    static func read<T: Decodable>(_ type: T.Type, from path: String, displayName: String) throws -> T {
        try decode(type, from: try contents(of: path, displayName: displayName), displayName: displayName)
    }

    static func contents(of path: String, displayName: String) throws -> Data {
        try InputLimits.read(path: path, displayName: displayName)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, displayName: String) throws -> T {
        if let twice = data.withUnsafeBytes({ DuplicateKeyScan.first(in: $0) }) {
            throw InputError(file: displayName, item: twice.path.isEmpty ? "top level" : twice.path, problem:
                "key \"\(twice.key.prefix(80))\" appears twice in one object (line \(twice.line)): JSON readers differ on which counts; keep one")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw describe(error, file: displayName)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: displayName, item: "", problem: "not valid JSON (\(reason(of: error)))")
        }
    }

    static func reason(of error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return ns.localizedDescription
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            // An array's index (the decoder names it "Index N"); a dictionary's key that
            // reads as a number (a size "9") stays a key.
            if let i = key.intValue, key.stringValue == "Index \(i)" {
                out += "[\(i)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    static func describe(_ error: DecodingError, file: String) -> InputError {
        switch error {
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty {
                var detail = ctx.debugDescription
                if let u = ctx.underlyingError {
                    let d = (u as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(u)"
                    detail = d
                }
                return InputError(file: file, item: "", problem: "malformed JSON: \(detail)")
            }
            return InputError(file: file, item: path(ctx.codingPath), problem: ctx.debugDescription)
        case .keyNotFound(let key, let ctx):
            let item = path(ctx.codingPath)
            return InputError(file: file, item: item.isEmpty ? "top level" : item,
                              problem: "missing key \"\(key.stringValue)\"")
        case .typeMismatch(let type, let ctx):
            return InputError(file: file, item: path(ctx.codingPath), problem: "expected \(describe(type))")
        case .valueNotFound(let type, let ctx):
            return InputError(file: file, item: path(ctx.codingPath), problem: "expected \(describe(type)), found null")
        @unknown default:
            return InputError(file: file, item: "", problem: "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Int.Type, is UInt64.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a value of type \(name)"
        }
    }
}
