/// Prefixed random identifiers (`key_…`, `acct_…`), 24 base62 characters after the prefix.
public enum ObjectID {
    public static func generate(_ prefix: String) -> String { "\(prefix)_" + Base62.random(count: 24) }
}
