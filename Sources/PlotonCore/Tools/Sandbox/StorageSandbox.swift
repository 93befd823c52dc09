import Foundation

/// The `storage` tool for test keys, in Google Drive's shapes; uploads keep their text content.
public struct StorageSandbox: ProviderSandbox {
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func respond(_ request: StepRequest, capability: ToolDefinition.Capability, input: [String: JSONValue]) async throws -> JSONValue
    {
        let storage = try await SandboxSupport.seededStorage(request, at: now(), seed: Self.seed)
        switch request.capability {
        case "list_files":
            let query = DriveQuery(input["q"]?.stringValue ?? "")
            var files = try await storage.all("files").filter(query.matches)
            // Drive's `orderBy=modifiedTime desc` (or ascending); ISO 8601 times sort as text.
            if let order = input["orderBy"]?.stringValue?.lowercased(), order.hasPrefix("modifiedtime") {
                let newestFirst = order.hasSuffix(" desc")
                files.sort {
                    let (first, second) = ($0.value(at: "modifiedTime")?.stringValue ?? "", $1.value(at: "modifiedTime")?.stringValue ?? "")
                    return newestFirst ? first > second : first < second
                }
            }
            let (page, next) = SandboxSupport.page(files.map(Self.metadata), limit: input["pageSize"], cursor: input["pageToken"])
            var body: [String: JSONValue] = ["kind": .string("drive#fileList"), "files": .array(page)]
            if let next { body["nextPageToken"] = .string(next) }
            return .object(body)
        case "read_file":
            let id = try SandboxSupport.required(request, input, "file_id").stringValue ?? ""
            guard let file = try await storage.all("files").first(where: { $0.value(at: "id")?.stringValue == id }) else {
                throw SandboxSupport.noRecord("file", id: id, request, listedBy: "list the files")
            }
            return file
        case "upload_file":
            let name = try SandboxSupport.required(request, input, "name")
            var random = SeededRandom(request.idempotencyKey)
            let id = "1" + SandboxSupport.id("", &random)
            let content = input["content"]?.stringValue ?? ""
            let file = JSONValue.object([
                "id": .string(id), "kind": .string("drive#file"), "name": name,
                "mimeType": input["mimeType"] ?? .string("text/plain"),
                "modifiedTime": .string(SandboxSupport.iso(now())), "size": .string(String(content.utf8.count)),
                "webViewLink": .string(Self.link(id)), "content": .string(content),
            ])
            try await storage.put("files", id: id, file)
            return Self.metadata(file)
        default:
            throw SandboxSupport.unknown(request)
        }
    }

    /// Where Drive opens a file, as its `webViewLink` reads.
    static func link(_ id: String) -> String { "https://drive.google.com/file/d/\(id)/view" }

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
                    "size": .string(String(max(file.2.utf8.count, 1_000 + random.next(90_000)))), "webViewLink": .string(link(id)),
                    "content": .string(file.2),
                ])
            )
        }
    }
}
