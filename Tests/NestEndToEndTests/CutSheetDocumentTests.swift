import Foundation
import NestGeometry
@testable import NestRender
import Testing

/// The operator's documents of a real run, measured: page counts, every part number in
/// the text of its pages, fonts embedded, pages turned into PNGs, the true-scale
/// calibration square measured in pixels, and the HTML report rendered by Chromium.
@Suite(.serialized)
struct CutSheetDocumentTests {
    /// One run of the default job with true-scale output, shared by the tests.
    struct Run {
        let folder: URL
        let placements: [Int]
        let outlines: [[[Double]]]
        let hasToolpaths: Bool
    }

    static let hideRun: Result<Run, any Error> = Result { try run(["Patterns/hide.json", "--scale", "1:1"]) }

    static func run(_ arguments: [String]) throws -> Run {
        let out = try Harness.temporaryFolder()
        let r = try Harness.nest(arguments + ["--output", out.path, "--samples", "20", "--iterations", "0", "--quiet"])
        guard r.status == 0 else { throw RenderError(message: "nest failed: \(r.stderr)") }
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any]
        let sheets = (report?["sheets"] as? [[String: Any]]) ?? []
        return Run(folder: out, placements: sheets.map { ($0["placements"] as? [Any])?.count ?? 0 },
                   outlines: sheets.map { ($0["outline"] as? [[Double]]) ?? [] }, hasToolpaths: sheets.first?["toolpath"] != nil)
    }

    static func tool(_ name: String) throws -> URL { try #require(Harness.which(name), "\(name) (poppler-utils) is needed") }

    static func pages(_ pdf: URL) throws -> Int {
        let info = try Harness.run(try tool("pdfinfo"), [pdf.path])
        let line = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? -1
    }

    /// The text of one page (content order).
    static func text(_ pdf: URL, page: Int) throws -> String {
        try Harness.run(try tool("pdftotext"), ["-raw", "-f", "\(page)", "-l", "\(page)", pdf.path, "-"]).stdout
    }

    static func pageSize(_ pdf: URL, page: Int) throws -> (Double, Double) {
        let info = try Harness.run(try tool("pdfinfo"), ["-f", "\(page)", "-l", "\(page)", pdf.path]).stdout
        let line = try #require(info.split(separator: "\n").first { $0.contains("size:") && $0.hasPrefix("Page") })
        let numbers = line.split(separator: " ").compactMap { Double($0) }
        return (numbers[numbers.count - 2], numbers[numbers.count - 1])
    }

    @Test func workInstructionsHaveTheirPagesAndEveryPartNumber() throws {
        let run = try Self.hideRun.get()
        let pdf = run.folder.appendingPathComponent("cut-sheets.pdf")
        let paper = Paper.a4
        let perSheet = run.placements.map { 1 + (run.hasToolpaths ? 1 : 0) + PartsListPages.pageCount(parts: $0, paper: paper) }
        let total = try Self.pages(pdf)
        // The cover runs over more than one page when many parts are left unplaced.
        let coverPages = total - perSheet.reduce(0, +)
        #expect(coverPages >= 1 && coverPages <= 3, "a cover, then per sheet overview, toolpath and parts list")
        #expect(try Self.text(pdf, page: 1).contains("Work instructions — job hide"))

        var page = 1 + coverPages
        for (s, count) in run.placements.enumerated() {
            // Overview: every part's label "N · size side" is in the page's text.
            let overview = try Self.text(pdf, page: page).filter { !$0.isWhitespace }
            #expect(overview.contains("sheet\(s + 1)of\(run.placements.count)"))
            for n in 1...count {
                #expect(overview.range(of: "(?<![0-9.])\(n)·", options: .regularExpression) != nil, "sheet \(s + 1): part \(n) not on its overview")
            }
            #expect(overview.contains("1:10") || overview.contains("1:7.5") || overview.contains("1:15"), "the scale is printed")
            let (w, h) = try Self.pageSize(pdf, page: page)
            #expect(abs(w - paper.landscape.width) < 1 && abs(h - paper.landscape.height) < 1, "hides lie on landscape pages")
            page += run.hasToolpaths ? 2 : 1
            // Parts list: each number once, as the first thing on its row, over its pages.
            var listed: [Int] = []
            let listPages = PartsListPages.pageCount(parts: count, paper: paper)
            for p in page..<(page + listPages) {
                let text = try Self.text(pdf, page: p)
                #expect(text.contains("Parts list — sheet \(s + 1) of"))
                listed += text.split(separator: "\n").dropFirst(3).compactMap { Int($0.split(separator: " ").first ?? "") }
            }
            #expect(listed == Array(1...count), "sheet \(s + 1): parts list rows")
            page += listPages
        }

        // Every page becomes a PNG of the page's size.
        let folder = try Harness.temporaryFolder()
        let r = try Harness.run(try Self.tool("pdftoppm"), ["-png", "-r", "20", pdf.path, folder.appendingPathComponent("p").path])
        #expect(r.status == 0)
        let pngs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }
        #expect(pngs.count == total)
        for name in pngs {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(data.count > 1000 && data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }

        // Fonts: every one embedded.
        let fonts = try Harness.run(try Self.tool("pdffonts"), [pdf.path]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for line in fonts {
            let columns = line.split(separator: " ")
            #expect(columns.count >= 5 && columns[columns.count - 5] == "yes", "not embedded: \(line)")
        }
    }

    @Test func ticketsCarryEveryPartNumber() throws {
        let run = try Self.hideRun.get()
        let pdf = run.folder.appendingPathComponent("tickets.pdf")
        let pages = run.placements.map { BundleTickets.pageCount(tickets: $0) }
        #expect(try Self.pages(pdf) == pages.reduce(0, +))
        var page = 1
        for (s, count) in run.placements.enumerated() {
            var text = ""
            for p in page..<(page + pages[s]) { text += try Self.text(pdf, page: p) }
            let lines = text.split(separator: "\n").map(String.init)
            for n in 1...count { #expect(lines.contains("\(n)"), "sheet \(s + 1): no ticket for part \(n)") }
            #expect(text.contains("sheet \(s + 1) of \(run.placements.count):"))
            page += pages[s]
        }
    }

    @Test func trueScaleTilesAndTheCalibrationSquareMeasures100mm() throws {
        let run = try Self.hideRun.get()
        let pdf = run.folder.appendingPathComponent("true-scale.pdf")
        // An assembly page per sheet and the tiles, as the tiling of the outline's bounds says.
        var expected = 0
        for outline in run.outlines {
            let b = Rect(enclosing: outline.map { Point($0[0], $0[1]) }).insetBy(-5)
            let m = TrueScalePDF.margin, o = TrueScalePDF.overlap
            let portrait = TileGrid(drawing: b, tileWidth: 210 - 2 * m, tileHeight: 297 - 2 * m, overlap: o)
            let landscape = TileGrid(drawing: b, tileWidth: 297 - 2 * m, tileHeight: 210 - 2 * m, overlap: o)
            expected += 1 + min(portrait.count, landscape.count)
        }
        #expect(try Self.pages(pdf) == expected)
        #expect(try Self.text(pdf, page: 2).contains("A1"))

        let square = try Self.measureSquare(pdf, page: 1)
        #expect(abs(square.width - 100) <= 0.5, "calibration square \(square.width) mm wide")
        #expect(abs(square.height - 100) <= 0.5, "calibration square \(square.height) mm high")
    }

    @Test func plotterPagesAreTheRollsWidth() throws {
        // A small roll job (ESICUP fu, 12 parts) keeps the debug build quick.
        let instance = Harness.datasets.appendingPathComponent("esicup/fu.json").path
        let run = try Self.run([instance, "--scale", "1:1", "--plotter-width", "300", "--paper", "letter", "--tickets", "bundles"])
        let pdf = run.folder.appendingPathComponent("true-scale.pdf")
        #expect(try Self.pages(pdf) == 1, "the strip fits a 300 mm plotter roll in one page")
        let (_, h) = try Self.pageSize(pdf, page: 1)
        #expect(abs(h - 300 * 72 / 25.4) < 0.5, "the page is the roll's width")
        let square = try Self.measureSquare(pdf, page: 1, cropMillimetres: 160)
        #expect(abs(square.width - 100) <= 0.5 && abs(square.height - 100) <= 0.5, "\(square)")
        let cover = run.folder.appendingPathComponent("cut-sheets.pdf")
        let (w, ch) = try Self.pageSize(cover, page: 1)
        #expect(w == 612 && ch == 792, "Letter")
        #expect(try Self.text(run.folder.appendingPathComponent("tickets.pdf"), page: 1).contains("bundle 1 of"))
    }

    /// Renders a page in grey at 300 dpi and finds the square: two horizontal dark runs
    /// of the same extent, 90–110 mm long, as far apart as they are long. Returns its
    /// side lengths between the lines' centres, in mm.
    static func measureSquare(_ pdf: URL, page: Int, cropMillimetres: Double? = nil) throws -> (width: Double, height: Double) {
        let dpi = 300.0, pxPerMm = dpi / 25.4
        let folder = try Harness.temporaryFolder()
        var args = ["-gray", "-r", "\(Int(dpi))", "-f", "\(page)", "-l", "\(page)", "-singlefile"]
        if let c = cropMillimetres { args += ["-x", "0", "-y", "0", "-W", "\(Int(c * pxPerMm))", "-H", "\(Int(c * pxPerMm))"] }
        let r = try Harness.run(try tool("pdftoppm"), args + [pdf.path, folder.appendingPathComponent("page").path])
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: folder.appendingPathComponent("page.pgm"))
        // P5 header: magic, width, height, maxval, each followed by whitespace.
        var fields: [String] = [], i = 0, current = ""
        while fields.count < 4 {
            let c = Character(UnicodeScalar(data[i]))
            if c.isWhitespace { if !current.isEmpty { fields.append(current); current = "" } } else { current.append(c) }
            i += 1
        }
        let width = try #require(Int(fields[1])), height = try #require(Int(fields[2]))
        let pixels = [UInt8](data[i...])
        var runs: [(y: Int, x0: Int, x1: Int)] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                guard pixels[y * width + x] < 128 else { x += 1; continue }
                let start = x
                while x < width, pixels[y * width + x] < 128 { x += 1 }
                let length = Double(x - start) / pxPerMm
                if length > 90, length < 110 { runs.append((y, start, x - 1)) }
            }
        }
        // Bands of consecutive rows with the same run.
        var bands: [(y0: Int, y1: Int, x0: Int, x1: Int)] = []
        for run in runs {
            if let k = bands.lastIndex(where: { abs($0.x0 - run.x0) <= 2 && abs($0.x1 - run.x1) <= 2 && run.y == $0.y1 + 1 }) {
                bands[k].y1 = run.y
            } else {
                bands.append((run.y, run.y, run.x0, run.x1))
            }
        }
        var best: (width: Double, height: Double)? = nil
        for top in bands {
            for bottom in bands where bottom.y0 > top.y1 && abs(bottom.x0 - top.x0) <= 2 && abs(bottom.x1 - top.x1) <= 2 {
                let thickness = Double(top.y1 - top.y0 + 1)
                let w = (Double(top.x1 - top.x0 + 1) - thickness) / pxPerMm
                let h = (Double(bottom.y0 + bottom.y1) / 2 - Double(top.y0 + top.y1) / 2) / pxPerMm
                if abs(w - h) < 2, best == nil || abs(w - h) < abs(best!.width - best!.height) { best = (w, h) }
            }
        }
        return try #require(best, "no square found on page \(page)")
    }

    static let chromium = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap { Harness.which($0) }.first

    @Test(.enabled(if: chromium != nil, "Chromium is not installed (Debian: apt-get install chromium); the HTML report is not rendered"))
    func htmlReportRendersEverySheetInChromium() throws {
        let run = try Self.hideRun.get()
        let page = run.folder.appendingPathComponent("index.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        // Self-contained: no link, script or image from anywhere else.
        #expect(html.range(of: "(src|href)=\"(https?:)?//", options: .regularExpression) == nil)
        #expect(!html.contains("@import") && !html.contains("url(http"))

        let chromium = try #require(Self.chromium)
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-dev-shm-usage"]
        let dom = try Harness.run(chromium, flags + ["--dump-dom", page.absoluteString])
        #expect(dom.status == 0, "\(dom.stderr)")
        let total = run.placements.reduce(0, +)
        #expect(dom.stdout.components(separatedBy: "class=\"part\"").count - 1 == total, "every part in the DOM")
        #expect(dom.stdout.components(separatedBy: "<section class=\"sheet\"").count - 1 == run.placements.count)
        // The page's script ran and counted what the browser drew.
        #expect(dom.stdout.contains("data-parts=\"\(total)\" data-sheets=\"\(run.placements.count)\""), "the script's count")
        #expect(dom.stdout.contains("Rendered \(total) parts on \(run.placements.count) sheets."))

        let shot = run.folder.appendingPathComponent("shot.png")
        let s = try Harness.run(chromium, flags + ["--window-size=1280,1400", "--screenshot=\(shot.path)", page.absoluteString])
        #expect(s.status == 0, "\(s.stderr)")
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "a screenshot with something on it")
    }
}

/// The pure parts of the layout.
struct CutSheetLayoutTests {
    @Test func ellipsisShortensButNeverCuts() {
        let width = { (s: String) in Double(s.count) }
        #expect(ellipsized("vamp", maxWidth: 10, width: width) == "vamp")
        #expect(ellipsized("quarter lateral lining", maxWidth: 10, width: width) == "quarter l…")
        #expect(ellipsized("quarter lateral", maxWidth: 9, width: width) == "quarter…", "no trailing space before the ellipsis")
        #expect(ellipsized("abc", maxWidth: 0.5, width: width) == "")
        #expect(wrapped("one two three", maxWidth: 7, width: width) == ["one two", "three"])
    }

    @Test func tilesCoverTheDrawingWithTheirOverlap() {
        let d = Rect(minX: -5, minY: -5, maxX: 2441.9, maxY: 1201.5)
        let g = TileGrid(drawing: d, tileWidth: 273, tileHeight: 186, overlap: 10)
        #expect(g.columns == 10 && g.rows == 7)
        #expect(g.rect(row: 0, column: 0).minX == d.minX && g.rect(row: 0, column: 0).maxY == d.maxY)
        let last = g.rect(row: g.rows - 1, column: g.columns - 1)
        #expect(last.maxX >= d.maxX && last.minY <= d.minY)
        #expect(g.rect(row: 0, column: 1).minX == g.rect(row: 0, column: 0).maxX - 10)
        #expect(g.rect(row: 1, column: 0).maxY == g.rect(row: 0, column: 0).minY + 10)
        #expect(g.name(row: 1, column: 2) == "B3" && g.name(row: 7, column: 0) == nil)
        #expect(TileGrid.rowName(25) == "Z" && TileGrid.rowName(26) == "AA")
    }

    @Test func drawingScalesAreRound() {
        // 2447 mm in 794 × 487 points needs 1:8.2 → 1:10.
        #expect(DrawingScale.fitting(width: 2447, height: 1206, roomWidth: 794, roomHeight: 487).denominator == 10)
        #expect(DrawingScale.fitting(width: 50, height: 50, roomWidth: 794, roomHeight: 487).denominator == 1)
        #expect(DrawingScale.fitting(width: 100_000, height: 1000, roomWidth: 794, roomHeight: 487).denominator == 500)
    }
}
