import NestGeometry

/// The engine's one distance transform: two-pass chamfer distances on a `RasterGrid`
/// (weights 1 and √2 cells), each cell's value the length of the shortest 8-connected path
/// to a cell whose start value bounds it — never less than the straight distance, at most
/// 8.25 % more.
///
/// Generic over the scalar so that a large field can be kept in `Float`; the operations
/// and their order are the same for every scalar. Inlinable, so that each caller gets code
/// specialized for its scalar (unspecialized generic arithmetic is many times slower).
public enum ChamferDistance {
    /// Distances from start values: 0 for the sources, an upper bound (the distance to the
    /// raster's border, or the largest finite value) elsewhere. `movable[i]` false pins a
    /// cell at 0 (a source); nil lets every cell move.
    @inlinable
    public static func transform<F: BinaryFloatingPoint>(_ start: [F], grid: RasterGrid, movable: [Bool]? = nil) -> [F] {
        var forward = start
        var result = start
        _ = update(forward: &forward, result: &result, start: start, movable: movable, grid: grid,
                   fromRow: 0, toRow: grid.rows - 1, full: true)
        return result
    }

    /// The forward pass alone over rows `first...` into `forward` (after the start values
    /// of rows `first...last` changed): it stops after a row that came out unchanged past
    /// `last`, unless `full`. Returns the last row it changed (at least `last`).
    @inlinable @discardableResult
    public static func forwardPass<S: ChamferStart>(forward: inout [S.Scalar], start: S, movable: [Bool]?, grid: RasterGrid,
                                                   fromRow first: Int, toRow last: Int, full: Bool = false) -> Int {
        typealias F = S.Scalar
        let w = grid.columns, rows = grid.rows
        let s = F(grid.cell), diag = F(grid.cell * 2.0.squareRoot())
        var lastForward = last
        for r in first..<rows {
            var rowChanged = false
            for c in 0..<w {
                let i = r * w + c
                var d: F = 0
                if movable?[i] ?? true {
                    d = start.start(i, column: c, row: r)
                    if c > 0 { d = min(d, forward[i - 1] + s) }
                    if r > 0 {
                        d = min(d, forward[i - w] + s)
                        if c > 0 { d = min(d, forward[i - w - 1] + diag) }
                        if c < w - 1 { d = min(d, forward[i - w + 1] + diag) }
                    }
                }
                if forward[i] != d {
                    forward[i] = d
                    rowChanged = true
                }
            }
            if rowChanged { lastForward = max(lastForward, r) }
            if !full, r > last, !rowChanged { break }
        }
        return lastForward
    }

    /// Recomputes `result` (and the kept forward pass `forward`) after the start values of
    /// rows `first...last` changed: the forward pass starts at `first` and stops after a row
    /// that came out unchanged past `last`; the backward pass starts below the last row the
    /// forward pass changed and stops likewise. Every cell ends with exactly the value a
    /// full pass gives (same operations, same order), since the skipped rows have unchanged
    /// inputs. Pinned cells (`movable[i]` false) are 0 and their start values are not read.
    @inlinable @discardableResult
    public static func update<S: ChamferStart>(forward: inout [S.Scalar], result: inout [S.Scalar], start: S, movable: [Bool]?,
                                               grid: RasterGrid, fromRow first: Int, toRow last: Int,
                                               full: Bool = false) -> Bool {
        typealias F = S.Scalar
        let w = grid.columns, rows = grid.rows
        let s = F(grid.cell), diag = F(grid.cell * 2.0.squareRoot())
        var changedAny = false
        let lastForward = forwardPass(forward: &forward, start: start, movable: movable, grid: grid,
                                      fromRow: first, toRow: last, full: full)
        for r in stride(from: full ? rows - 1 : lastForward, through: 0, by: -1) {
            var rowChanged = false
            for c in stride(from: w - 1, through: 0, by: -1) {
                let i = r * w + c
                var d = forward[i]
                if movable?[i] ?? true {
                    if c < w - 1 { d = min(d, result[i + 1] + s) }
                    if r < rows - 1 {
                        d = min(d, result[i + w] + s)
                        if c < w - 1 { d = min(d, result[i + w + 1] + diag) }
                        if c > 0 { d = min(d, result[i + w - 1] + diag) }
                    }
                }
                if result[i] != d {
                    result[i] = d
                    rowChanged = true
                }
            }
            changedAny = changedAny || rowChanged
            if !full, r < first, !rowChanged { break }
        }
        return changedAny
    }
}

/// The start values of a chamfer transform, read cell by cell (index, column, row): an array
/// of them, or a rule that computes them without storing one value per cell.
public protocol ChamferStart {
    associatedtype Scalar: BinaryFloatingPoint
    func start(_ i: Int, column: Int, row: Int) -> Scalar
}

extension Array: ChamferStart where Element: BinaryFloatingPoint {
    public typealias Scalar = Element
    @inlinable @inline(__always)
    public func start(_ i: Int, column: Int, row: Int) -> Element { self[i] }
}

/// Start values of a raster's depth: a cell's distance to the edge of the raster's inner box
/// (the region's bounds; the border around them counts as outside), in cells counted from 1,
/// times the cell size. Computed, never stored.
public struct BoxDistanceStart: ChamferStart, Sendable {
    public let pad: Int
    public let innerColumns: Int
    public let innerRows: Int
    public let cell: Double

    public init(grid: RasterGrid) {
        pad = grid.pad
        innerColumns = grid.columns - 2 * grid.pad
        innerRows = grid.rows - 2 * grid.pad
        cell = grid.cell
    }

    @inlinable @inline(__always)
    public func start(_ i: Int, column: Int, row: Int) -> Double {
        let c = column - pad, r = row - pad
        return Double(min(c, r, innerColumns - 1 - c, innerRows - 1 - r) + 1) * cell
    }
}
