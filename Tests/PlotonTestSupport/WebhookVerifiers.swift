import Foundation

/// Independent checks of a delivery's signatures: the verifiers in Examples/webhook-verifiers
/// (Python and Node) and, when `now` is the real time, the `standardwebhooks` reference library.
/// Keys: `python.ploton`, `python.standard`, `node.ploton`, `node.standard`, `standardwebhooks`.
public enum WebhookVerifiers {
    public static func verify(body: String, headers: [String: String], secret: String, now: Date) throws -> [String: Bool] {
        let input: [String: Any] = [
            "secret": secret, "body_base64": Data(body.utf8).base64EncodedString(), "headers": headers,
            "now": Int(now.timeIntervalSince1970),
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("delivery-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let examples = RepositoryPaths.root.appendingPathComponent("Examples/webhook-verifiers").path
        var verdicts: [String: Bool] = [:]
        for (name, command) in [("python", "python3 \(examples)/verify.py"), ("node", "node \(examples)/verify.mjs")] {
            let run = try ProcessRunner.run("sh", ["-c", "\(command) < \(file.path)"])
            let answer = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
            verdicts["\(name).ploton"] = answer?["ploton"] as? Bool
            verdicts["\(name).standard"] = answer?["standard"] as? Bool
        }
        if abs(now.timeIntervalSinceNow) < 60 {
            let script = """
                import base64, json, sys
                from standardwebhooks.webhooks import Webhook
                d = json.load(open(sys.argv[1]))
                try:
                    Webhook(d["secret"]).verify(base64.b64decode(d["body_base64"]), d["headers"]); print("true")
                except Exception:
                    print("false")
                """
            let run = try ProcessRunner.run("python3", ["-c", script, file.path])
            verdicts["standardwebhooks"] = run.output.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
        }
        return verdicts
    }
}
