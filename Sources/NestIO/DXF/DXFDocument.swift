import Foundation

/// One group of a DXF file: a group code and its value, with the line the code is on.
struct DXFGroup: Sendable {
    var code: Int
    var value: String
    var line: Int
}

/// An entity of an ASCII DXF file with its groups; a POLYLINE carries its VERTEX
/// entities and an INSERT its ATTRIBs as `children` (their SEQEND is consumed).
struct DXFEntity: Sendable {
    var type: String
    var line: Int
    var groups: [DXFGroup]
    var children: [DXFEntity] = []

    var layer: String { string(8) ?? "0" }
    var source: String { "line \(line) \(type)" }

    func string(_ code: Int) -> String? { groups.first { $0.code == code }?.value }

    /// The first value of `code` as a finite number; `fallback` when absent.
    func number(_ code: Int, file: String, _ fallback: Double? = nil) throws -> Double {
        guard let g = groups.first(where: { $0.code == code }) else {
            if let fallback { return fallback }
            throw InputError(file: file, item: source, problem: "missing group code \(code)")
        }
        return try DXFDocument.number(g, file: file)
    }

    func integer(_ code: Int, file: String, _ fallback: Int) throws -> Int {
        guard let g = groups.first(where: { $0.code == code }) else { return fallback }
        guard let v = Int(g.value.trimmingCharacters(in: .whitespaces)) else {
            throw InputError(file: file, item: "line \(g.line)", problem: "group \(code) of \(type) must be an integer, found \"\(g.value.prefix(40))\"")
        }
        return v
    }
}

/// A parsed ASCII DXF file (R12 to R2018): header variables, blocks and the entities of
/// the model space (those of paper space are counted, not kept).
///
/// Guarantees: never traps or loops on any bytes; every refusal is an `InputError`
/// naming the file and the line. Binary DXF is read too (`DXFBinary`), its positions given
/// as the lines of the same drawing saved as ASCII.
struct DXFDocument: Sendable {
    struct Block: Sendable {
        var name: String
        var base: (x: Double, y: Double)
        var entities: [DXFEntity]
        var line: Int
    }

    var header: [String: DXFGroup] = [:]
    var blocks: [String: Block] = [:]
    var blockOrder: [String] = []
    var entities: [DXFEntity] = []
    /// Entities of the ENTITIES section in paper space, viewports aside: not in `entities`.
    var paperSpaceCount = 0
    /// Layers the LAYER table turns off (a negative colour) or freezes (flag 1): what is
    /// drawn on them does not show in the CAD program, and is not read.
    var hiddenLayers: [String: String] = [:]
    let file: String
    /// Read from a binary DXF: "line N" in messages is the line of the ASCII equivalent.
    let isBinary: Bool

    static let maxGroups = 20_000_000

    static func number(_ g: DXFGroup, file: String) throws -> Double {
        let text = g.value.trimmingCharacters(in: .whitespaces)
        guard let v = Double(text), v.isFinite, abs(v) < 1e12 else {
            throw InputError(file: file, item: "line \(g.line + 1)", problem: "group \(g.code) must be a finite number, found \"\(text.prefix(40))\"")
        }
        return v
    }

    /// Splits the bytes into (code, value) groups. Lines end in LF, CR LF (Windows CAD) or
    /// a lone CR (old Mac exports); a UTF-8 byte-order mark at the start is skipped. Text
    /// is UTF-8, or, in a file that is not valid UTF-8, the `$DWGCODEPAGE` it names. The
    /// split is on bytes: in a Swift `String`, CR LF is one character, which a split on
    /// "\n" never finds.
    static func groups(_ data: Data, file: String) throws -> [DXFGroup] {
        if DXFBinary.isBinary(data) { return try DXFBinary.groups(data, file: file) }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        let end = bytes.contains(lf) ? lf : cr
        let rawLines = bytes.split(separator: end, omittingEmptySubsequences: false).map { $0.last == cr ? $0.dropLast() : $0 }
        // Text is UTF-8 (R2007 and later always are); a file that is not valid UTF-8 is read in
        // the code page its header names ($DWGCODEPAGE, R12 to R2004), when it is one we know.
        var decode: (ArraySlice<UInt8>) -> String = { String(decoding: $0, as: UTF8.self) }
        if String(validating: bytes, as: UTF8.self) == nil, let encoding = codePage(rawLines) {
            decode = { String(data: Data($0), encoding: encoding) ?? String(decoding: $0, as: UTF8.self) }
        }
        var lines: [Substring] = rawLines.map { Substring(decode($0)) }
        if lines.last == "" { lines.removeLast() }
        var out: [DXFGroup] = []
        out.reserveCapacity(lines.count / 2)
        var i = 0
        while i + 1 < lines.count {
            let codeText = lines[i].trimmingCharacters(in: .whitespacesAndNewlines)
            guard let code = Int(codeText), code >= -5, code <= 1071 else {
                throw InputError(file: file, item: "line \(i + 1)", problem: "expected a group code, found \"\(codeText.prefix(40))\"")
            }
            var value = lines[i + 1]
            if value.hasSuffix("\r") { value = value.dropLast() }
            // 999 is a comment, anywhere in the file.
            if code != 999 { out.append(DXFGroup(code: code, value: String(value), line: i + 1)) }
            guard out.count < maxGroups else { throw InputError(file: file, item: "", problem: "the drawing is too large") }
            i += 2
        }
        if i < lines.count, !lines[i].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw InputError(file: file, item: "line \(i + 1)", problem: "the file ends in the middle of a group (truncated?)")
        }
        return out
    }

    /// The text encoding `$DWGCODEPAGE` names (`ANSI_1252` → Windows-1252, and the other
    /// Windows ANSI code pages Foundation knows), or nil when absent or unknown.
    static func codePage(_ lines: [ArraySlice<UInt8>]) -> String.Encoding? {
        func text(_ k: Int) -> String { String(decoding: lines[k], as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        // The header comes first; its variables are "9 / $NAME / code / value".
        guard let at = lines.prefix(20_000).indices.first(where: { text($0) == "$DWGCODEPAGE" }), at + 2 < lines.count else { return nil }
        switch text(at + 2).uppercased() {
        case "ANSI_1250": return .windowsCP1250
        case "ANSI_1251": return .windowsCP1251
        case "ANSI_1252": return .windowsCP1252
        case "ANSI_1253": return .windowsCP1253
        case "ANSI_1254": return .windowsCP1254
        default: return nil
        }
    }

    init(data: Data, file: String) throws {
        self.file = file
        isBinary = DXFBinary.isBinary(data)
        let groups = try Self.groups(data, file: file)
        var i = 0
        var sawEOF = false
        func isZero(_ k: Int, _ name: String) -> Bool {
            k < groups.count && groups[k].code == 0 && groups[k].value.trimmingCharacters(in: .whitespaces) == name
        }
        while i < groups.count {
            if isZero(i, "EOF") {
                sawEOF = true
                break
            }
            guard isZero(i, "SECTION") else {
                throw InputError(file: file, item: "line \(groups[i].line)", problem:
                    "expected \"0 SECTION\" or \"0 EOF\", found \"\(groups[i].code) \(groups[i].value.prefix(40))\"")
            }
            let name = i + 1 < groups.count && groups[i + 1].code == 2 ? groups[i + 1].value.trimmingCharacters(in: .whitespaces) : ""
            let sectionLine = groups[i].line
            var end = i + 1
            while end < groups.count, !isZero(end, "ENDSEC") { end += 1 }
            guard end < groups.count else {
                throw InputError(file: file, item: "line \(sectionLine)", problem: "section \(name) has no ENDSEC (truncated?)")
            }
            let body = Array(groups[min(i + 2, end)..<end])
            switch name {
            case "HEADER": readHeader(body)
            case "BLOCKS": try readBlocks(body)
            case "TABLES": readLayers(body)
            case "ENTITIES":
                // Paper space (group 67 = 1: a layout's title block, frame, notes and
                // viewports) is a sheet for printing, drawn over the model at its own scale:
                // not read, and counted for a note.
                let all = try Self.entities(body, file: file)
                entities = all.filter { $0.string(67)?.trimmingCharacters(in: .whitespaces) != "1" }
                paperSpaceCount = all.count - entities.count
                    - all.filter { $0.type == "VIEWPORT" && $0.string(67)?.trimmingCharacters(in: .whitespaces) == "1" }.count
            default: break
            }
            i = end + 1
        }
        guard sawEOF else { throw InputError(file: file, item: "", problem: "the file ends before \"0 EOF\" (truncated?)") }
    }

    private mutating func readHeader(_ body: [DXFGroup]) {
        var k = 0
        while k < body.count {
            if body[k].code == 9, k + 1 < body.count {
                header[body[k].value.trimmingCharacters(in: .whitespaces)] = body[k + 1]
            }
            k += 1
        }
    }

    private mutating func readLayers(_ body: [DXFGroup]) {
        guard let table = try? Self.entities(body, file: file) else { return }
        for e in table where e.type == "LAYER" {
            guard let name = e.string(2)?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { continue }
            let frozen = ((try? e.integer(70, file: file, 0)) ?? 0) & 1 != 0
            let off = ((try? e.integer(62, file: file, 7)) ?? 7) < 0
            if frozen || off { hiddenLayers[name.uppercased()] = frozen ? "frozen" : "off" }
        }
    }

    private mutating func readBlocks(_ body: [DXFGroup]) throws {
        let all = try Self.entities(body, file: file)
        var k = 0
        while k < all.count {
            let e = all[k]
            k += 1
            guard e.type == "BLOCK" else { continue }
            var inner: [DXFEntity] = []
            while k < all.count, all[k].type != "ENDBLK" {
                inner.append(all[k])
                k += 1
            }
            guard k < all.count else { throw InputError(file: file, item: e.source, problem: "block has no ENDBLK") }
            k += 1
            let name = e.string(2) ?? ""
            let base = (try e.number(10, file: file, 0), try e.number(20, file: file, 0))
            if blocks[name] == nil { blockOrder.append(name) }
            blocks[name] = Block(name: name, base: base, entities: inner, line: e.line)
        }
    }

    /// Groups a run of groups into entities, attaching VERTEX and ATTRIB children.
    static func entities(_ body: [DXFGroup], file: String) throws -> [DXFEntity] {
        var flat: [DXFEntity] = []
        for g in body {
            if g.code == 0 {
                flat.append(DXFEntity(type: g.value.trimmingCharacters(in: .whitespaces).uppercased(), line: g.line, groups: []))
            } else if !flat.isEmpty {
                flat[flat.count - 1].groups.append(g)
            }
        }
        var out: [DXFEntity] = []
        var k = 0
        while k < flat.count {
            var e = flat[k]
            k += 1
            let takesChildren = e.type == "POLYLINE" || (e.type == "INSERT" && (try? e.integer(66, file: file, 0)) == 1)
            if takesChildren {
                while k < flat.count, flat[k].type == "VERTEX" || flat[k].type == "ATTRIB" {
                    e.children.append(flat[k])
                    k += 1
                }
                if k < flat.count, flat[k].type == "SEQEND" { k += 1 }
            }
            out.append(e)
        }
        return out
    }

    /// Millimetres per drawing unit from `$INSUNITS`; nil when unitless or absent.
    func insunitsMillimetres() throws -> Double? {
        guard let g = header["$INSUNITS"] else { return nil }
        guard let code = Int(g.value.trimmingCharacters(in: .whitespaces)) else {
            throw InputError(file: file, item: "line \(g.line) $INSUNITS", problem: "not an integer: \"\(g.value.prefix(40))\"")
        }
        switch code {
        case 0: return nil
        case 1: return 25.4
        case 2: return 304.8
        case 4: return 1
        case 5: return 10
        case 6: return 1000
        case 8: return 25.4e-6
        case 9: return 0.0254
        case 10: return 914.4
        case 13: return 0.001
        case 14: return 100
        default:
            throw InputError(file: file, item: "line \(g.line) $INSUNITS", problem:
                "unit code \(code) is not a length a pattern is drawn in; give the units explicitly")
        }
    }
}
