import Foundation
import NestGeometry
import NestModel
import NestToolpath

/// Writes a sheet's toolpath as ISO G-code (`.nc`): the profile's header, then per pass a
/// rapid `G0` to its start, the profile's tool-down lines, `G1` moves through its points
/// (the feed set on the first, in units per minute), the tool-up lines; a rapid back to
/// the origin and the footer. Coordinates in the machine's frame and units, rounded to its
/// resolution. On rolls cut in windows the profile's advance line precedes each window,
/// and the window's coordinates are on the table as the advance leaves it (the roll moved
/// under the head by the advance): every coordinate lies within the table. A profile with
/// no advance line is a cutter that feeds the roll itself: its coordinates run along the
/// roll, window after window, as in HPGL.
public enum GCodeWriter {
    public static func document(_ toolpath: SheetToolpath, sheet: Sheet, profile: MachineProfile, title: String) -> String {
        let advances = toolpath.windows > 1 && !profile.gcodeAdvance.isEmpty
        func coordinates(_ window: Int) -> MachineCoordinates {
            advances ? MachineCoordinates(window: window, of: toolpath, sheet: sheet, profile: profile)
                : MachineCoordinates(sheet: sheet, profile: profile)
        }
        var c = coordinates(0)
        var lines = ["(\(comment(title)))"]
        lines += profile.gcodeHeader
        let feed = c.number(profile.cutSpeed * 60 * c.scale)
        // The roll's start lies at the table's; a first window further along is advanced to.
        var window = -1
        for pass in toolpath.passes {
            if pass.window != window, advances {
                let advance = toolpath.windowOffsets[pass.window] - (window < 0 ? 0 : toolpath.windowOffsets[window])
                if window >= 0 || advance > 0 {
                    lines.append(profile.gcodeAdvance.replacingOccurrences(of: "{length}", with: c.number(advance * c.scale)))
                }
                c = coordinates(pass.window)
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
        // Home: the machine's origin on the table as the last window left it.
        let (hx, hy) = advances ? c.xy(c.frame.origin) : c.xy(toolpath.origin)
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
