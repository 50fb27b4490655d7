public enum HTMLReport { public static func document(_ docs: CutRoomDocuments) -> String { "" } }
