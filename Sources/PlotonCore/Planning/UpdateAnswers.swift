import Foundation

/// What an update asks for when the prompt names no field ("Update deal 2011"): the fields a person
/// would change, each in plain words, instead of HubSpot's `properties` object; and the answers read
/// back into the record's properties ("closed won" is the stage `closedwon`, "$12.5k" is 12500).
enum UpdateAnswers {
    struct Field {
        let key: String
        let property: String
        let description: String
    }

    static let optional = " (optional; give at least one)"

    static let deal = [
        Field(key: "stage", property: "dealstage", description: "New stage, such as \"closed won\""),
        Field(key: "amount", property: "amount", description: "New amount, such as 12500"),
        Field(key: "close_date", property: "closedate", description: "New close date, such as 2026-12-31"),
        Field(key: "name", property: "dealname", description: "New deal name"),
    ]
    static let contact = [
        Field(key: "email", property: "email", description: "New email address"),
        Field(key: "company", property: "company", description: "New company"),
        Field(key: "phone", property: "phone", description: "New phone number"),
        Field(key: "first_name", property: "firstname", description: "New first name"),
        Field(key: "last_name", property: "lastname", description: "New last name"),
        Field(key: "lifecycle_stage", property: "lifecyclestage", description: "New lifecycle stage, such as customer"),
    ]

    /// The questions for a deal or a contact.
    static func questions(deal isDeal: Bool) -> [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: (isDeal ? deal : contact).map { ($0.key, ActionSteps.schema($0.description + optional)) })
    }

    /// The properties the answers give, in HubSpot's terms; empty when none was answered.
    static func properties(deal isDeal: Bool, _ request: PlanningRequest) -> [String: JSONValue] {
        if let given = request.input["properties"]?.objectValue { return given }
        var properties: [String: JSONValue] = [:]
        for field in isDeal ? deal : contact {
            guard let answer = request.input[field.key].map(DefinitionRunner.text), !answer.isEmpty else { continue }
            switch field.property {
            case "dealstage":
                properties[field.property] = .string(
                    ActionSteps.knownStage(in: answer) ?? answer.lowercased().replacingOccurrences(of: " ", with: ""))
            case "amount":
                properties[field.property] = .string(PromptText.amounts(in: answer).first.map(ActionSteps.plain) ?? answer)
            case "closedate":
                properties[field.property] = .string(
                    PromptText.day(in: answer, now: request.now).map(ActionSteps.isoDay) ?? answer)
            case "lifecyclestage": properties[field.property] = .string(answer.lowercased().replacingOccurrences(of: " ", with: ""))
            default: properties[field.property] = .string(answer)
            }
        }
        return properties
    }
}
