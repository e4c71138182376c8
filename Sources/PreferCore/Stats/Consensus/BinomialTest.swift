import Foundation

extension Consensus {
    /// Two-sided exact binomial p-value against p = 0.5, as `scipy.stats.binomtest(k, n, 0.5).pvalue`:
    /// the total probability of outcomes no more likely than the observed one. Log-space, safe for n ~ 10^6.
    public static func binomialTwoSidedPValue(successes k: Int, trials n: Int) -> Double {
        guard n > 0, k >= 0, k <= n else { return 1 }
        let m = min(k, n - k)
        if 2 * m == n { return 1 } // the observed count is the mode
        // With p = 0.5 the distribution is symmetric, so the p-value is 2 * P(X <= m), m < n/2.
        return min(1, 2 * exp(logLowerTail(m, n)))
    }

    /// log P(X <= m) for X ~ Binomial(n, 1/2): start at pmf(m) and walk down while terms still matter.
    static func logLowerTail(_ m: Int, _ n: Int) -> Double {
        let nd = Double(n)
        let logPmfM = lgamma(nd + 1) - lgamma(Double(m) + 1) - lgamma(nd - Double(m) + 1) - nd * M_LN2
        var sum = 1.0 // terms relative to pmf(m)
        var term = 1.0
        var x = m
        while x > 0 {
            term *= Double(x) / Double(n - x + 1) // pmf(x-1) / pmf(x)
            sum += term
            if term < sum * 1e-17 { break }
            x -= 1
        }
        return logPmfM + log(sum)
    }
}
