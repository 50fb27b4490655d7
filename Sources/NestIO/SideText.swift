import NestModel

extension Side {
    /// The side a report or state file writes (`"L"`, `"R"`, `""`); anything else is an
    /// `InputError` naming the file and the entry.
    static func read(_ text: String, file: String, item: String) throws -> Side {
        guard let side = Side(rawValue: text) else {
            throw InputError(file: file, item: item, problem: "side \"\(text)\" is not \"L\", \"R\" or \"\"")
        }
        return side
    }
}
