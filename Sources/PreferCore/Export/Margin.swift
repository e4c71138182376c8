/// The reward margin of an exported pair, from its judgments' strengths.
public enum Margin {
    /// margin = mean signed strength in favour of the chosen response / the scale's max strength.
    ///
    /// `strengths` holds one signed value per judgment: positive when it favours the chosen response,
    /// negative when it favours the rejected one, 0 for a tie (or a both-bad vote). The result lies in
    /// [-1, 1]: 1 when every judgment picks chosen at full strength, and in (0, 1] whenever the judgments
    /// favour chosen on average (as a majority consensus makes them). No judgments, or a max strength
    /// below 1, give 0; values beyond the scale are clamped.
    public static func from<S: Collection<Int>>(strengths: S, maxStrength: Int) -> Double {
        guard !strengths.isEmpty, maxStrength >= 1 else { return 0 }
        var sum = 0.0
        for s in strengths { sum += Double(min(max(s, -maxStrength), maxStrength)) }
        return sum / Double(strengths.count) / Double(maxStrength)
    }
}
