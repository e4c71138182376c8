/// Decides a file's shape from the fields of its first row.
enum ShapeDetection {
    /// The shape whose identifying fields the row has, or nil.
    static func shape(of fields: some Collection<String>) -> ImportShape? {
        let keys = Set(fields)
        let hasPrompt = keys.contains("prompt") || keys.contains("messages")
        if keys.contains("response_a") && keys.contains("response_b") { return .pairs }
        if keys.contains("responses") { return .responses }
        if keys.contains("chosen") && keys.contains("rejected") { return hasPrompt ? .trl : .hh }
        return nil
    }

    /// The file error for a first row that matches no shape.
    static func unknownShape(file: String, line: Int, fields: some Collection<String>) -> ImportFileError {
        let found = fields.isEmpty ? "no fields" : "fields " + fields.sorted().joined(separator: ", ")
        let accepted = ImportShape.allCases.map { "\($0.rawValue) (\($0.requiredFields))" }.joined(separator: "; ")
        return ImportFileError(file: file, message: "unknown shape: line \(line) has \(found); accepted shapes: \(accepted)")
    }
}
