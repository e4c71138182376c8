/// Rubric scores as ratings: a unit is (item, response) for one criterion, rated by each annotator who scored it.
public enum CriterionTable {
    /// The unit key of one response of an item.
    public static func key(item: Int64, response: Int64) -> String { "\(item)/\(response)" }

    /// Ratings of criterion `id`: every vote that scored it gives one rating to each of its two responses.
    /// A response scored twice by one annotator (in two pairs) keeps the later score.
    public static func table(_ votes: [VoteRecord], criterion id: String) -> RatingTable {
        var unitIndex: [String: Int] = [:], annotatorIndex: [String: Int] = [:]
        var units: [String] = [], annotators: [String] = []
        var ratings: [(item: Int, annotator: Int, value: Double)] = []
        func index(_ key: String, _ map: inout [String: Int], _ list: inout [String]) -> Int {
            if let i = map[key] { return i }
            map[key] = list.count
            list.append(key)
            return list.count - 1
        }
        for v in votes.sorted(by: { $0.judgmentID < $1.judgmentID }) {
            guard let s = v.scores[id] else { continue }
            let a = index(v.annotator, &annotatorIndex, &annotators)
            let first = index(key(item: v.itemID, response: v.firstResponseID), &unitIndex, &units)
            let second = index(key(item: v.itemID, response: v.secondResponseID), &unitIndex, &units)
            ratings.append((first, a, Double(s.left)))
            ratings.append((second, a, Double(s.right)))
        }
        return RatingTable(items: units, annotators: annotators, ratings: ratings)
    }

    /// Criterion ids scored in any vote, sorted.
    public static func criteria(in votes: [VoteRecord]) -> [String] {
        Set(votes.flatMap { $0.scores.keys }).sorted()
    }
}
