import Foundation

/// The `storage` tool for test keys, in Google Drive's shapes; uploads keep their text content.
public struct StorageSandbox: ToolExecutor {
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func execute(_ request: StepRequest) async throws -> StepOutcome {
        let storage = try await SandboxSupport.seededStorage(request, at: now(), seed: Self.seed)
        switch request.capability {
        case "list_files":
            // Supports the common `name contains 'x'` query; anything else lists everything.
            let query = request.input["q"]?.stringValue ?? ""
            let needle = query.split(separator: "'").dropFirst().first.map { $0.lowercased() }
            let files = try await storage.all("files").filter { file in
                needle.map { file.value(at: "name")?.stringValue?.lowercased().contains($0) == true } ?? true
            }
            return .completed(.array(files.map(Self.metadata)))
        case "read_file":
            let id = try SandboxSupport.required(request, "file_id").stringValue ?? ""
            guard let file = try await storage.all("files").first(where: { $0.value(at: "id")?.stringValue == id }) else {
                throw ToolFailure(code: "not_found", message: "No file \(id).")
            }
            return .completed(file)
        case "upload_file":
            let name = try SandboxSupport.required(request, "name")
            var random = SeededRandom(request.idempotencyKey)
            let id = "1" + SandboxSupport.id("", &random)
            let content = request.input["content"]?.stringValue ?? ""
            let file = JSONValue.object([
                "id": .string(id), "kind": .string("drive#file"), "name": name,
                "mimeType": request.input["mimeType"] ?? .string("text/plain"),
                "modifiedTime": .string(SandboxSupport.iso(now())), "size": .string(String(content.utf8.count)),
                "content": .string(content),
            ])
            try await storage.put("files", id: id, file)
            return .completed(Self.metadata(file))
        default:
            throw SandboxSupport.unknown(request)
        }
    }

    /// What Drive's list returns: no content.
    static func metadata(_ file: JSONValue) -> JSONValue {
        .object((file.objectValue ?? [:]).filter { $0.key != "content" })
    }

    static func seed(key: String, at seededAt: Date) -> [(collection: String, id: String, record: JSONValue)] {
        var random = SeededRandom(key)
        let files: [(String, String, String)] = [
            ("Q3 board report.pdf", "application/pdf", ""),
            ("Roadmap 2026.docx", "application/vnd.google-apps.document", "Roadmap: launch, scale, expand."),
            ("Customer list.csv", "text/csv", "name,email\nAnn,ann@acme.example\n"), ("Team photo.jpg", "image/jpeg", ""),
            ("Meeting notes.txt", "text/plain", "Decisions: ship Friday."), ("Budget.xlsx", "application/vnd.google-apps.spreadsheet", ""),
        ]
        return files.enumerated().map { index, file in
            let id = "1" + SandboxSupport.id("", &random)
            return (
                "files", id,
                .object([
                    "id": .string(id), "kind": .string("drive#file"), "name": .string(file.0), "mimeType": .string(file.1),
                    "modifiedTime": .string(SandboxSupport.iso(seededAt.addingTimeInterval(-Double(index * 3 + 1) * 86_400))),
                    "size": .string(String(max(file.2.utf8.count, 1_000 + random.next(90_000)))), "content": .string(file.2),
                ])
            )
        }
    }
}
