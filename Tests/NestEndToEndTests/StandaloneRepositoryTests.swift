import Foundation
import Testing

/// The repository stands alone: a clone with nothing beside it builds, runs and tests. No test,
/// source, document, script or sample may reach a folder outside the checkout; the data the tests
/// read is shipped in the repository with its provenance.
struct StandaloneRepositoryTests {
    static let root = Harness.packageRoot
    /// The workplace folder beside a developer's checkout, which a user's clone does not have,
    /// and its subfolders (built from parts, so that this file does not name them itself).
    static let outsidePaths: [String] = {
        let folder = "sha" + "red"
        return ["../" + folder] + ["datasets", "tools", "peers"].map { folder + "/" + $0 }
    }()

    /// Every text file under `folders` (and the top-level files named), relative to the root.
    static func files(in folders: [String], plus topLevel: [String]) -> [String] {
        var found = topLevel.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let walk = FileManager.default.enumerator(atPath: base.path) else { continue }
            while let relative = walk.nextObject() as? String {
                let ext = (relative as NSString).pathExtension.lowercased()
                if ["swift", "py", "sh", "md", "json", "txt", "h", "modulemap", ""].contains(ext) {
                    var isDirectory: ObjCBool = false
                    let path = base.appendingPathComponent(relative).path
                    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                        found.append("\(folder)/\(relative)")
                    }
                }
            }
        }
        return found.sorted()
    }

    @Test func nothingReachesOutsideTheCheckout() throws {
        let files = Self.files(in: ["Sources", "Tests", "docs", ".ci", "Fuzz", "Patterns"],
                               plus: ["README.md", "Package.swift"])
        #expect(files.count > 50, "the walk found only \(files.count) files: is the root right?")
        var offenders: [String] = []
        for file in files {
            guard let text = try? String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8) else { continue }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where Self.outsidePaths.contains(where: { line.contains($0) }) {
                offenders.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }

    @Test func shippedDatasetsCarryTheirProvenance() throws {
        let datasets = Harness.datasets
        for set in ["esicup", "baldacci"] {
            let readme = try String(contentsOf: datasets.appendingPathComponent("\(set)/README.md"), encoding: .utf8)
            #expect(readme.contains("commit"), "\(set)/README.md names no source commit")
            #expect(readme.lowercased().contains("licen"), "\(set)/README.md states no licence")
            let instances = try FileManager.default.contentsOfDirectory(atPath: datasets.appendingPathComponent(set).path)
                .filter { $0.hasSuffix(".json") }
            #expect(!instances.isEmpty, "\(set) has no instances")
            for name in instances {
                #expect(readme.contains(name.replacingOccurrences(of: ".json", with: "")),
                        "\(set)/README.md does not list \(name)")
            }
        }
    }
}
