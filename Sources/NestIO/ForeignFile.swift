import Foundation

/// Files people hand to `nest` that are none of its inputs — a DWG where a DXF was meant,
/// the PDF of a pattern, a scan, an archive, a plotter file — recognized by
/// their first bytes, so the refusal says what the file is and what to do instead of how
/// the JSON, DXF or SVG parser failed on it ("malformed JSON at line 1, column 1").
enum ForeignFile {
    /// What the file is and what to do, or nil when its first bytes are none of these.
    static func identify(_ data: Data) -> (what: String, advice: String)? {
        let head = [UInt8](data.prefix(32))
        func starts(_ bytes: [UInt8]) -> Bool { head.count >= bytes.count && Array(head.prefix(bytes.count)) == bytes }
        func startsText(_ text: String) -> Bool { starts(Array(text.utf8)) }
        let vector = "export the pattern from the CAD program as DXF (ASCII) or SVG"
        if startsText("AC10") || startsText("AC1.") || startsText("AC2.") {
            return ("an AutoCAD drawing (DWG, a binary format)", "save it as DXF (ASCII) in the CAD program")
        }
        if startsText("%PDF") { return ("a PDF document", "nest reads patterns and hides as JSON, DXF or SVG: \(vector)") }
        if startsText("%!PS") { return ("a PostScript or EPS file", "nest reads patterns and hides as JSON, DXF or SVG: \(vector)") }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return ("a ZIP archive", "unpack it and name the pattern or hide file itself") }
        if starts([0x89, 0x50, 0x4E, 0x47]) || starts([0xFF, 0xD8, 0xFF]) || startsText("II*\u{0}") || startsText("MM\u{0}*")
            || startsText("GIF8") || startsText("BM") {
            return ("an image (a scan or photo)", "nest reads vector outlines and does not trace images: trace the pieces as paths, "
                    + "then save them as DXF or SVG")
        }
        if startsText("IN;") || startsText("IN\n") || startsText("IN\r") {
            return ("an HPGL plotter file", "that is what nest writes for a cutter; read the pattern from its DXF or SVG")
        }
        return nil
    }

    /// Throws the refusal for a file that is one of the formats above.
    static func refuse(_ data: Data, file: String) throws {
        guard let (what, advice) = identify(data) else { return }
        throw InputError(file: file, item: "", problem: "the file is \(what), not JSON, DXF or SVG: \(advice)")
    }
}
