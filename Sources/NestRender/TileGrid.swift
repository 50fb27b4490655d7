import Foundation
import NestGeometry

/// How a drawing is cut into tiles for true-scale printing: tiles of `tileWidth` ×
/// `tileHeight` mm (the printable part of a page) cover the drawing's rectangle, each
/// overlapping its right and lower neighbours by `overlap` mm so they can be trimmed
/// and glued. Row 0 (named "A") is at the top, column 0 (named "1") at the left; tile
/// "B3" is row B, column 3.
public struct TileGrid: Sendable, Hashable {
    public let drawing: Rect
    public let tileWidth: Double
    public let tileHeight: Double
    public let overlap: Double
    public let columns: Int
    public let rows: Int

    public init(drawing: Rect, tileWidth: Double, tileHeight: Double, overlap: Double) {
        precondition(tileWidth > overlap && tileHeight > overlap, "tiles must be larger than their overlap")
        self.drawing = drawing
        self.tileWidth = tileWidth
        self.tileHeight = tileHeight
        self.overlap = overlap
        func count(_ length: Double, _ tile: Double) -> Int {
            length <= tile ? 1 : 1 + Int(((length - tile) / (tile - overlap)).rounded(.up))
        }
        columns = count(drawing.width, tileWidth)
        rows = count(drawing.height, tileHeight)
    }

    public var count: Int { rows * columns }

    /// The part of the drawing (sheet mm, y up) that tile (row, column) shows.
    public func rect(row: Int, column: Int) -> Rect {
        let minX = drawing.minX + Double(column) * (tileWidth - overlap)
        let maxY = drawing.maxY - Double(row) * (tileHeight - overlap)
        return Rect(minX: minX, minY: maxY - tileHeight, maxX: minX + tileWidth, maxY: maxY)
    }

    /// "A", "B", ..., "Z", "AA", ...
    public static func rowName(_ row: Int) -> String {
        var r = row, s = ""
        repeat {
            s = String(UnicodeScalar(UInt8(65 + r % 26))) + s
            r = r / 26 - 1
        } while r >= 0
        return s
    }

    /// "B3"; nil outside the grid.
    public func name(row: Int, column: Int) -> String? {
        guard (0..<rows).contains(row), (0..<columns).contains(column) else { return nil }
        return Self.rowName(row) + "\(column + 1)"
    }
}
