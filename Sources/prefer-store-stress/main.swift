// Test tool: one of several processes writing to one (possibly new) database at once.
// Usage: prefer-store-stress DB ANNOTATOR COUNT
// Opens or creates DB, imports one fixed item (a duplicate for all but the first process),
// then appends COUNT judgments of it, each superseding the previous one.
import Foundation
import PreferCore
import PreferStore

let args = CommandLine.arguments
guard args.count == 4, let count = Int(args[3]) else {
    FileHandle.standardError.write(Data("usage: prefer-store-stress DB ANNOTATOR COUNT\n".utf8))
    exit(2)
}
let item = ImportedItem(prompt: [Message(role: "user", content: "shared question")],
                        responses: [ImportedResponse(text: "first"), ImportedResponse(text: "second")], line: 1)
do {
    let store = try SQLiteStore(path: args[1], create: true)
    let info = BatchInfo(fileName: "stress", filePath: "stress", sha256: "stress", format: "jsonl", shape: "pairs", importedBy: args[2], seed: 1)
    _ = try store.importBatch(info, keepLabelsAs: nil, again: true) { try $0.add(item) }
    try store.addAnnotator(args[2], role: .annotator)
    for i in 0..<count {
        _ = try store.appendJudgment(NewJudgment(itemID: 1, annotator: args[2], leftResponseID: 1, rightResponseID: 2,
                                                 choice: (i % 7) - 3, rationale: "write \(i)"))
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
