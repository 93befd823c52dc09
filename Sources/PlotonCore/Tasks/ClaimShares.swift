/// How one claim of up to `limit` tasks is shared among the accounts that have work: in their
/// turn order, one task per account per round, none beyond the account's free slots. A batch so
/// never takes an account past its concurrency limit, and one account's backlog cannot fill a
/// batch while another account waits for its first slot.
public enum ClaimShares {
    /// `free[i]`: the free slots of the i-th account in turn order. Returns each one's share.
    public static func split(free: [Int], limit: Int) -> [Int] {
        var shares = Array(repeating: 0, count: free.count)
        var left = max(0, limit)
        var gave = true
        while left > 0, gave {
            gave = false
            for index in free.indices where left > 0 && shares[index] < free[index] {
                shares[index] += 1
                left -= 1
                gave = true
            }
        }
        return shares
    }
}
