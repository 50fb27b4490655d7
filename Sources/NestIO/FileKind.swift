import Foundation

/// What an input file holds, guessed without reading it fully: a JSON file by its
/// `"format"`, a DXF by its layers (a hide outline or defect layer makes it a hide).
public enum FileKind: String, Sendable {
    case job, pattern, hide, roll, unknown

    public static func of(path: String, options: ImportOptions = ImportOptions()) -> FileKind {
        switch InputFormat(path: path) {
        case .svg: return .pattern
        case .dxf: return looksLikeHide(path: path, options: options) ? .hide : .pattern
        case .json:
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return .unknown }
            switch object["format"] as? String {
            case "nest-job/1": return .job
            case "nest-pattern/1": return .pattern
            case "nest-hide/1": return .hide
            case "nest-roll/1": return .roll
            default:
                if object["order"] != nil { return .job }
                if object["panels"] != nil { return .pattern }
                if object["width"] != nil { return .roll }
                if object["outline"] != nil { return .hide }
                return .unknown
            }
        }
    }

    /// True for a nest-hide JSON, or a DXF with an entity on a hide outline or defect layer.
    public static func looksLikeHide(path: String, options: ImportOptions) -> Bool {
        switch InputFormat(path: path) {
        case .svg: return false
        case .json: return of(path: path) == .hide
        case .dxf:
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
                  let groups = try? DXFDocument.groups(data, file: path) else { return false }
            let layers = options.hideLayers
            return groups.contains { g in
                g.code == 8 && (LayerMatch.contains(g.value.trimmingCharacters(in: .whitespaces), layers.outline.filter { $0 != "1" })
                    || LayerMatch.contains(g.value.trimmingCharacters(in: .whitespaces), layers.defects))
            }
        }
    }
}
