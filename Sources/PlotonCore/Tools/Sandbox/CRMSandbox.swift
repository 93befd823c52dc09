import Foundation

/// The `crm` tool for test keys: HubSpot-shaped contacts and deals, seeded deterministically for
/// each end user on first use and kept in the sandbox storage, so a created deal is in the next
/// list. List capabilities return every record, as the live executor does after following pages.
public struct CRMSandbox: ProviderSandbox {
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func respond(_ request: StepRequest, capability: ToolDefinition.Capability, input: [String: JSONValue]) async throws -> JSONValue
    {
        let storage = try await SandboxSupport.seededStorage(request, at: now(), seed: Self.seed)
        let stamp = Self.timestamp(now())
        switch request.capability {
        case "list_contacts", "list_deals":
            let all = try await storage.all(request.capability == "list_contacts" ? "contacts" : "deals")
            let (page, next) = SandboxSupport.page(all, limit: input["limit"], cursor: input["after"])
            var body: [String: JSONValue] = ["results": .array(page)]
            if let next { body["paging"] = .object(["next": .object(["after": .string(next)])]) }
            return .object(body)
        case "search_contacts", "search_deals":
            let contacts = request.capability == "search_contacts"
            let words = (input["query"].map(DefinitionRunner.text) ?? "").lowercased().split(whereSeparator: \.isWhitespace)
            let searchable = contacts ? Self.contactSearchProperties : Self.dealSearchProperties
            // HubSpot's `query` looks for every word in the default searchable properties, each word
            // in any of them: "Chloe Okafor" is first name and last name.
            let matches = try await storage.all(contacts ? "contacts" : "deals").filter { record in
                let values = searchable.compactMap { record.value(at: "properties.\($0)")?.stringValue?.lowercased() }
                return words.allSatisfy { word in values.contains { $0.contains(word) } }
            }
            return .object(["total": .number(Double(matches.count)), "results": .array(matches)])
        case "create_contact", "create_deal":
            let collection = request.capability == "create_contact" ? "contacts" : "deals"
            guard let properties = input["properties"]?.objectValue else {
                throw ToolFailure(code: "invalid_input", message: "crm.\(request.capability) needs properties.")
            }
            if collection == "deals" { try Self.checkStage(properties["dealstage"], request) }
            let existing = try await storage.all(collection)
            let id = String((existing.compactMap { $0.value(at: "id")?.stringValue.flatMap(Int.init) }.max() ?? 1000) + 1)
            var stored = properties.mapValues { Self.propertyText($0) }
            stored[collection == "contacts" ? "createdate" : "createdate"] = .string(stamp)
            // As HubSpot does, a deal made without them is in the default pipeline's first stage (its stage read null).
            if collection == "deals" {
                stored["pipeline"] = stored["pipeline"] ?? .string("default")
                stored["dealstage"] = stored["dealstage"] ?? .string("appointmentscheduled")
            }
            if collection == "deals" { stored["hs_is_closed"] = .string(Self.isClosed(stored["dealstage"]?.stringValue)) }
            let record = Self.record(id: id, properties: stored, created: stamp)
            try await storage.put(collection, id: id, record)
            return record
        case "update_contact", "update_deal":
            let collection = request.capability == "update_contact" ? "contacts" : "deals"
            guard let id = input["id"].map(Self.propertyText)?.stringValue, let changes = input["properties"]?.objectValue
            else {
                throw ToolFailure(code: "invalid_input", message: "crm.\(request.capability) needs id and properties.")
            }
            if collection == "deals" { try Self.checkStage(changes["dealstage"], request) }
            guard let current = try await storage.all(collection).first(where: { $0.value(at: "id")?.stringValue == id }),
                case .object(var record) = current, case .object(var properties)? = record["properties"]
            else { throw SandboxSupport.noRecord(String(collection.dropLast()), id: id, request, listedBy: "list the \(collection)") }
            for (key, value) in changes { properties[key] = Self.propertyText(value) }
            if collection == "deals" { properties["hs_is_closed"] = .string(Self.isClosed(properties["dealstage"]?.stringValue)) }
            properties["hs_lastmodifieddate"] = .string(stamp)
            record["properties"] = .object(properties)
            record["updatedAt"] = .string(stamp)
            try await storage.put(collection, id: id, .object(record))
            return .object(record)
        default:
            throw ToolFailure(code: "unknown_capability", message: "crm has no capability \(request.capability).")
        }
    }

    /// The properties HubSpot's search `query` looks in, for contacts and deals.
    static let contactSearchProperties = [
        "firstname", "lastname", "email", "hs_additional_emails", "phone", "mobilephone", "fax", "company",
    ]
    static let dealSearchProperties = ["dealname", "pipeline", "dealstage", "description", "dealtype"]

    // MARK: Seed data

    static let firstNames = [
        "Ava", "Ben", "Chloe", "Diego", "Emma", "Felix", "Grace", "Hiro", "Isla", "Jonas", "Kira", "Liam", "Maya", "Noah",
    ]
    static let lastNames = ["Garcia", "Chen", "Okafor", "Müller", "Rossi", "Silva", "Kowalski", "Dubois", "Haddad", "Nakamura"]
    static let companies = ["Acme Corp", "Globex", "Initech", "Umbrella", "Stark Industries", "Wayne Enterprises", "Hooli", "Vandelay"]
    static let stages = [
        "appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon",
        "closedlost",
    ]

    /// 12 contacts created over the last two months and 8 deals in mixed stages, the same for the
    /// same account and user.
    static func seed(key: String, at seededAt: Date) -> [(collection: String, id: String, record: JSONValue)] {
        var random = SeededRandom(key)
        func next(_ bound: Int) -> Int { random.next(bound) }
        var rows: [(String, String, JSONValue)] = []
        for index in 0..<12 {
            let first = firstNames[next(firstNames.count)]
            let last = lastNames[next(lastNames.count)]
            let company = companies[next(companies.count)]
            let created = timestamp(seededAt.addingTimeInterval(-Double(index * 5 + next(4)) * 86_400))
            let id = String(1001 + index)
            rows.append(
                (
                    "contacts", id,
                    record(
                        id: id,
                        properties: [
                            "firstname": .string(first), "lastname": .string(last), "company": .string(company),
                            "email": .string(
                                "\(first.lowercased()).\(last.lowercased())@\(company.lowercased().filter(\.isLetter)).example"),
                            "lifecyclestage": .string(["lead", "customer", "opportunity"][next(3)]), "createdate": .string(created),
                            // HubSpot contacts have a phone; test keys see one to ask for ("their phone numbers").
                            "phone": .string("+1 415 555 01\(10 + index)"),
                        ], created: created)
                ))
        }
        for index in 0..<8 {
            let stage = stages[index % stages.count]
            let created = timestamp(seededAt.addingTimeInterval(-Double(index * 7) * 86_400))
            let close = timestamp(seededAt.addingTimeInterval(Double(10 + index * 9) * 86_400)).prefix(10) + "T00:00:00Z"
            let id = String(2001 + index)
            rows.append(
                (
                    "deals", id,
                    record(
                        id: id,
                        properties: [
                            "dealname": .string(
                                "\(companies[next(companies.count)]) - \(["Renewal", "Expansion", "Pilot", "Platform"][next(4)])"),
                            "amount": .string(String((next(90) + 10) * 500)), "dealstage": .string(stage),
                            "closedate": .string(String(close)),
                            "pipeline": .string("default"), "hs_is_closed": .string(isClosed(stage)), "createdate": .string(created),
                        ], created: created)
                ))
        }
        return rows
    }

    static func record(id: String, properties: [String: JSONValue], created: String) -> JSONValue {
        .object([
            "id": .string(id), "properties": .object(properties), "createdAt": .string(created), "updatedAt": .string(created),
            "archived": .bool(false),
        ])
    }

    /// HubSpot refuses a deal stage its pipeline does not have (a 400 naming the value); so does the sandbox,
    /// rather than storing "banana" as a stage.
    static func checkStage(_ stage: JSONValue?, _ request: StepRequest) throws {
        guard let stage, let text = propertyText(stage).stringValue, !stages.contains(text) else { return }
        throw ToolFailure(
            code: "invalid_input",
            message: "\"\(text)\" is not a stage of the deal pipeline (\(request.tool).\(request.capability)); stages: "
                + stages.joined(separator: ", ") + ".",
            recoverable: true, suggestion: "Name one of the pipeline's stages in the prompt, for example \"closed won\".")
    }

    static func isClosed(_ stage: String?) -> String { ["closedwon", "closedlost"].contains(stage ?? "") ? "true" : "false" }

    /// HubSpot returns every property as a string.
    static func propertyText(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let number): .string(number.plainText)
        case .bool(let bool): .string(bool ? "true" : "false")
        default: value
        }
    }

    static func timestamp(_ date: Date) -> String { SandboxSupport.iso(date) }
}
