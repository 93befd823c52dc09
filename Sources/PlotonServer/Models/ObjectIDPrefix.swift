import PlotonCore

/// The prefixes of public object ids, in one place.
enum ObjectIDPrefix: String {
    case account = "acct"
    case apiKey = "key"
    case request = "req"
    case task = "task"
    case event = "evt"
    case step = "step"
    case webhookEndpoint = "whep"
    case delivery = "del"
    case subagent = "sa"

    func generate() -> String { ObjectID.generate(rawValue) }
}
