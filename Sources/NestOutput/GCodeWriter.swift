import Foundation
import NestGeometry
import NestModel
import NestToolpath

/// Writes a sheet's toolpath as ISO G-code (`.nc`): the profile's header, then per pass a
/// rapid `G0` to its start, the profile's tool-down lines, `G1` moves through its points
/// (the feed set on the first, in units per minute), the tool-up lines; a rapid back to
/// the origin and the footer. Coordinates in the machine's frame and units, rounded to its
/// resolution. On rolls cut in windows the profile's advance line precedes each window.
public enum GCodeWriter {
    public static func document(_ toolpath: SheetToolpath, sheet: Sheet, profile: MachineProfile, title: String) -> String {
        let c = MachineCoordinates(sheet: sheet, profile: profile)
        var lines = ["(\(comment(title)))"]
        lines += profile.gcodeHeader
        let feed = c.number(profile.cutSpeed * 60 * c.scale)
        var window = 0
        for pass in toolpath.passes {
            if pass.window != window, !profile.gcodeAdvance.isEmpty {
                let advance = toolpath.windowOffsets[pass.window] - toolpath.windowOffsets[window]
                lines.append(profile.gcodeAdvance.replacingOccurrences(of: "{length}", with: c.number(advance * c.scale)))
            }
            window = pass.window
            let (x0, y0) = c.xy(pass.path[0])
            lines.append("G0 X\(x0) Y\(y0)")
            lines += profile.gcodeToolDown
            for (i, p) in pass.path.dropFirst().enumerated() {
                let (x, y) = c.xy(p)
                lines.append(i == 0 ? "G1 X\(x) Y\(y) F\(feed)" : "G1 X\(x) Y\(y)")
            }
            lines += profile.gcodeToolUp
        }
        let (hx, hy) = c.xy(toolpath.origin)
        lines.append("G0 X\(hx) Y\(hy)")
        lines += profile.gcodeFooter
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` made safe inside a G-code comment: one line of printable ASCII. Accents are
    /// dropped (`Zähne` → `Zahne`), parentheses become brackets (a `)` would end the
    /// comment), and every other character — line breaks above all, which would let a job
    /// or hide name put a command of its own on the machine — becomes a space.
    static func comment(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(folded.unicodeScalars.map { u -> Character in
            switch u {
            case "(": "["
            case ")": "]"
            case " "..."~": Character(u)
            default: " "
            }
        })
    }
}
