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
            throw describe(error, file: displayName, data: data)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: displayName, item: "", problem: "malformed JSON: \(syntaxProblem(in: data) ?? reason(of: error))")
        }
    }

    /// Where and why `data` is not JSON, as Foundation's parser finds it, its character
    /// offset turned into a line and column with the text there: `line 27, column 19:
    /// invalid value at "NaN,"`. Nil when the parser reads it.
    static func syntaxProblem(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let said = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? reason(of: error)
            func place(_ offset: Int) -> String {
                let before = data.prefix(offset)
                let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                let column = offset - (before.lastIndex(of: 0x0A).map { $0 - data.startIndex + 1 } ?? 0) + 1
                return "line \(line), column \(column)"
            }
            // "Number 1e999 is not representable in Swift.": the first place that number is written.
            if said.hasPrefix("Number "), let end = said.range(of: " is not representable") {
                let number = said[said.index(said.startIndex, offsetBy: 7)..<end.lowerBound]
                if !number.isEmpty, let r = data.range(of: Data(number.utf8)) {
                    return "\(place(r.lowerBound - data.startIndex)): the number \(number) is too large for a 64-bit floating-point value"
                }
                return said
            }
            guard let r = said.range(of: " around character "),
                  let offset = Int(said[r.upperBound...].prefix(while: \.isNumber)), offset >= 0, offset <= data.count else { return said }
            let rest = data.dropFirst(offset).prefix(24).prefix { $0 != 0x0A && $0 != 0x0D }
            let text = String(decoding: rest, as: UTF8.self)
            let what = String(said[..<r.lowerBound]).lowercased()
            return "\(place(offset)): \(what)" + (text.isEmpty ? " at the end of the file" : " at \"\(text)\"")
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

    static func describe(_ error: DecodingError, file: String, data: Data) -> InputError {
        switch error {
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty {
                if let found = syntaxProblem(in: data) {
                    return InputError(file: file, item: "", problem: "malformed JSON: \(found)")
                }
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
