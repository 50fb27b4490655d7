import CCairo

/// Shortens `text` until `width` says it fits in `maxWidth`, ending it with an ellipsis
/// ("…") rather than cutting it off; text that fits is returned as it is. The result is
/// never wider than `maxWidth` (it is empty when not even the ellipsis fits).
func ellipsized(_ text: String, maxWidth: Double, width: (String) -> Double) -> String {
    if width(text) <= maxWidth { return text }
    let chars = Array(text)
    func candidate(_ n: Int) -> String {
        var s = String(chars[..<n])
        while s.last == " " || s.last == "," || s.last == "·" || s.last == "-" { s.removeLast() }
        return s + "…"
    }
    var lo = 0, hi = chars.count - 1
    while lo < hi {
        let mid = (lo + hi + 1) / 2
        if width(candidate(mid)) <= maxWidth { lo = mid } else { hi = mid - 1 }
    }
    let best = candidate(lo)
    return width(best) <= maxWidth ? best : ""
}

/// Horizontal alignment of a line of text at its anchor.
enum TextAlign { case left, center, right }

extension CairoText {
    /// Draws one line with its baseline at `y`, shortened with an ellipsis to `maxWidth`.
    /// Returns the width drawn.
    @discardableResult
    static func show(_ cr: OpaquePointer, _ text: String, x: Double, y: Double, maxWidth: Double = .infinity,
                     size: Double, bold: Bool = false, align: TextAlign = .left, color: Color = .ink) -> Double {
        select(cr, size: size, bold: bold)
        let line = ellipsized(text, maxWidth: maxWidth) { width(cr, $0) }
        let w = width(cr, line)
        let left = switch align {
        case .left: x
        case .center: x - w / 2
        case .right: x - w
        }
        cairo_set_source_rgb(cr, color.r, color.g, color.b)
        cairo_move_to(cr, left, y)
        cairo_show_text(cr, line)
        return w
    }
}

extension CairoText {
    /// Draws text wrapped at spaces to `maxWidth`, first baseline at `y`; returns the
    /// baseline after the last line.
    @discardableResult
    static func paragraph(_ cr: OpaquePointer, _ text: String, x: Double, y: Double, maxWidth: Double, size: Double,
                          bold: Bool = false) -> Double {
        select(cr, size: size, bold: bold)
        var baseline = y
        for line in wrapped(text, maxWidth: maxWidth, width: { width(cr, $0) }) {
            show(cr, line, x: x, y: baseline, maxWidth: maxWidth, size: size, bold: bold)
            baseline += size * 1.35
        }
        return baseline
    }
}
