import XCTest
@testable import PreferCore

/// The import hot path encodes prompts and hashes on the parse thread with its own writer: what it stores must
/// be exactly what the shared model types produce.
final class EncodedItemTests: XCTestCase {
    private let prompts: [[Message]] = [
        [],
        [Message(role: "user", content: "What is 2+2?")],
        [Message(role: "user", content: "")],
        [Message(role: "system", content: "Quote \"this\" \\ and\ta\nnew line\r\u{1}\u{7F}"),
         Message(role: "user", content: "caf\u{E9} \u{2028} \u{2029} \u{1F600} \u{201C}curly\u{201D}"),
         Message(role: "assistant", content: "{\"role\":\"x\"}")],
    ]

    func testPromptJSONIsTheCanonicalJSON() {
        for prompt in prompts {
            XCTAssertEqual(EncodedItem.messagesJSON(prompt), prompt.canonicalJSON)
        }
    }

    func testEncodedFieldsMatchTheItem() {
        let item = ImportedItem(prompt: prompts[3],
                                responses: [ImportedResponse(text: "A"), ImportedResponse(text: "B", model: "m", metadata: ["t": .number(1)])],
                                metadata: ["lang": .string("en"), "n": .number(2)], line: 7)
        let encoded = EncodedItem(item)
        XCTAssertEqual(encoded.promptJSON, item.prompt.canonicalJSON)
        XCTAssertEqual(encoded.contentHash, item.contentHash)
        XCTAssertEqual(encoded.contentHashBytes.map { String(format: "%02x", $0) }.joined(), item.contentHash)
        XCTAssertEqual(encoded.metadataJSON, #"{"lang":"en","n":2}"#)
        XCTAssertEqual(encoded.responseMetadataJSON, ["{}", #"{"t":1}"#])
        XCTAssertEqual(encoded.packed.string(EncodedItem.Slot.responses + EncodedItem.Slot.responseSlots + 1), "m")
        XCTAssertNil(encoded.packed.string(EncodedItem.Slot.externalID))
    }

    func testAnItemNotKeptLeavesWhatTheStoreNeeds() {
        let item = ImportedItem(externalID: "x1", prompt: prompts[1],
                                responses: [ImportedResponse(text: "A"), ImportedResponse(text: "B"), ImportedResponse(text: "C")],
                                gold: .b, sourceLabel: SourceLabel(preferred: 1, other: 0), line: 12)
        let kept = EncodedItem(item, queueSeed: 9), dropped = EncodedItem(item, queueSeed: 9, keepingItem: false)
        XCTAssertEqual(kept.item, item)
        XCTAssertNil(dropped.item)
        XCTAssertEqual(dropped.line, 12)
        XCTAssertEqual(dropped.responseCount, 3)
        XCTAssertEqual(dropped.sourceLabel, item.sourceLabel)
        XCTAssertEqual(dropped.queueKey, kept.queueKey)
        XCTAssertEqual(dropped.packed.string(EncodedItem.Slot.gold), "B")
        XCTAssertEqual(dropped.packed.string(EncodedItem.Slot.externalID), "x1")
        XCTAssertEqual(dropped.packed.string(EncodedItem.Slot.responses + 2 * EncodedItem.Slot.responseSlots), "C")
    }

    func testQueueKeyFromHashBytesIsTheKeyFromTheHexHash() {
        for seed: UInt64 in [0, 1, 42, .max] {
            for text in ["", "a", "Hello", "caf\u{E9}"] {
                let item = ImportedItem(prompt: [Message(role: "user", content: text)],
                                        responses: [ImportedResponse(text: "x"), ImportedResponse(text: text)], line: 1)
                let encoded = EncodedItem(item, queueSeed: seed)
                XCTAssertEqual(encoded.queueKey, QueueRules.queueKey(contentHash: item.contentHash, seed: seed))
            }
        }
    }
}
