import Foundation
import NestIO

/// Temporary folders with small job, pattern and hide files for reader tests.
struct Fixture {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nest-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let square = "[[0,0],[100,0],[100,50],[0,50]]"

    /// The `InputError` that `body` throws, or nil when it reads (or fails otherwise).
    static func refusal(_ body: () throws -> Void) -> InputError? {
        do {
            try body()
            return nil
        } catch let e as InputError {
            return e
        } catch {
            return nil
        }
    }

    static func pattern(outline: String = square, extra: String = "") -> String {
        """
        {"format": "nest-pattern/1", "model": "test", "units": "mm", "sizes": ["8", "9", "10"], "base_size": "9",
         "grading": {"length_percent_per_step": 2, "width_percent_per_step": 1},
         "panels": [{"name": "vamp", "material": "leather", "outline": \(outline), "quantity": 2, "mirrored_pairs": true,
                     "grain": {"direction_deg": 0, "tolerance_deg": 5}, "min_grade": "B"\(extra)}]}
        """
    }

    static func job(hideOutline: String = "[[0,0],[1000,0],[1000,800],[0,800]]", order: String = #"{"9": 2, "10": 1}"#,
                    pattern: String = "pattern.json") -> String {
        """
        {"format": "nest-job/1", "units": "mm",
         "stock": {"hides": [{"name": "h1", "material": "leather", "outline": \(hideOutline),
                              "defects": [{"kind": "scar", "outline": [[400,400],[420,400],[420,420]]}],
                              "zones": [{"grade": "C", "outline": [[0,0],[1000,0],[1000,100],[0,100]]}]}]},
         "order": [{"pattern": "\(pattern)", "sizes": \(order)}],
         "spacing": 2, "margin": 3, "seed": 7, "iterations": 50}
        """
    }
}
