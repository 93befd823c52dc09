import Fluent
import Foundation
import PlotonAPI
import PlotonCore

/// Subagents of one account environment: the prebuilt ones and those deployed there. A subagent's
/// tools are derived from its domain prompt over the environment's catalog (built-in and custom
/// tools); a task that names a subagent runs with only those tools.
struct SubagentService {
    let registry: ToolRegistry
    let now: Date

    static let maxNameLength = 64
    static let prebuiltIDPrefix = "sa_prebuilt_"

    enum Kind: String, CaseIterable { case custom, prebuilt }

    private var database: any Database { registry.database }
    private var livemode: Bool { registry.environment == .live }

    func list(type: Kind?) async throws -> [SubagentObject] {
        var all: [SubagentObject] = []
        if type != .prebuilt {
            all += try await scoped().sort(\.$createdAt, .descending).sort(\.$id, .descending).all().map(object)
        }
        if type != .custom { all += PrebuiltSubagent.all.map(object) }
        return all
    }

    /// A subagent by id, or by name as tasks' `sub_agent` names it.
    func find(_ reference: String) async throws -> SubagentObject? {
        if let prebuilt = PrebuiltSubagent.all.first(where: { Self.prebuiltIDPrefix + $0.name == reference || $0.name == reference }) {
            return object(prebuilt)
        }
        return try await custom(reference).map(object)
    }

    func deploy(name: String, prompt: String) async throws -> SubagentObject {
        let name = try await validName(name)
        let subagent = Subagent(
            accountID: registry.accountID, environment: registry.environment, name: name, prompt: prompt,
            tools: try await tools(for: prompt), now: now)
        try await subagent.create(on: database)
        return object(subagent)
    }

    /// Renames and/or re-scopes a custom subagent; a new prompt derives its tools again.
    func update(_ reference: String, name: String?, prompt: String?) async throws -> SubagentObject {
        let subagent = try await requireCustom(reference)
        if let name, name != subagent.name { subagent.name = try await validName(name, excluding: subagent.id) }
        if let prompt {
            subagent.tools = try await tools(for: prompt)
            subagent.prompt = prompt
        }
        subagent.updatedAt = now
        try await subagent.update(on: database)
        return object(subagent)
    }

    func delete(_ reference: String) async throws -> String {
        let subagent = try await requireCustom(reference)
        try await subagent.delete(on: database)
        return subagent.id ?? reference
    }

    private func tools(for prompt: String) async throws -> [String] {
        let catalog = try await registry.catalog()
        let tools = SubagentScope.tools(for: prompt, catalog: catalog)
        guard !tools.isEmpty else {
            throw SubagentError.noTools(available: catalog.tools.map(\.name))
        }
        return tools
    }

    private func validName(_ raw: String, excluding id: String? = nil) async throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= Self.maxNameLength, !name.hasPrefix("sa_") else {
            throw SubagentError.invalidName
        }
        if PrebuiltSubagent.all.contains(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
            throw SubagentError.prebuiltName(name)
        }
        let clash = try await scoped().all().first { $0.id != id && $0.name.caseInsensitiveCompare(name) == .orderedSame }
        if let clash {
            throw SubagentError.nameTaken(name: clash.name, id: clash.id ?? "")
        }
        return name
    }

    private func requireCustom(_ reference: String) async throws -> Subagent {
        if PrebuiltSubagent.all.contains(where: { Self.prebuiltIDPrefix + $0.name == reference || $0.name == reference }) {
            throw SubagentError.prebuilt(reference)
        }
        guard let subagent = try await custom(reference) else { throw SubagentError.notFound(reference) }
        return subagent
    }

    private func custom(_ reference: String) async throws -> Subagent? {
        try await scoped().group(.or) { $0.filter(\.$id == reference).filter(\.$name == reference) }.first()
    }

    private func scoped() -> QueryBuilder<Subagent> {
        Subagent.query(on: database).filter(\.$account.$id == registry.accountID)
            .filter(\.$environment == registry.environment)
    }

    private func object(_ subagent: Subagent) -> SubagentObject {
        SubagentObject(
            id: subagent.id ?? "", name: subagent.name, type: Kind.custom.rawValue, prompt: subagent.prompt, tools: subagent.tools,
            livemode: livemode, createdAt: subagent.createdAt, updatedAt: subagent.updatedAt)
    }

    private func object(_ prebuilt: PrebuiltSubagent) -> SubagentObject {
        SubagentObject(
            id: Self.prebuiltIDPrefix + prebuilt.name, name: prebuilt.name, type: Kind.prebuilt.rawValue, prompt: prebuilt.prompt,
            tools: SubagentScope.tools(for: prebuilt.prompt, catalog: .builtIn), livemode: livemode, createdAt: nil, updatedAt: nil)
    }
}
