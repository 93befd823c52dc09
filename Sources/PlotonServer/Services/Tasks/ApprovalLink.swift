import Foundation
import PlotonCore

/// The signed link a task waiting for `approval_required` carries in `waiting.auth_url`: it names
/// one task and the one step awaiting approval, until the wait expires. It approves nothing else,
/// and nothing once that step is answered.
struct ApprovalLink {
    var taskID: String
    var step: Int

    static func signer(_ services: PlotonServices) -> SignedToken {
        SignedToken(keyRing: services.secretBox.keyRing, purpose: "approval-link")
    }

    static func url(taskID: String, step: Int, expiresAt: Date, services: PlotonServices) -> String {
        let token = signer(services).sign(
            .object([
                "t": .string(taskID), "s": .number(Double(step)), "x": .number(expiresAt.timeIntervalSince1970.rounded(.down)),
            ]))
        return "\(services.config.publicURL)/approve/\(token)"
    }

    init?(token: String, services: PlotonServices) {
        guard let payload = Self.signer(services).verify(token), let expiry = payload.value(at: "x")?.numberValue,
            Date(timeIntervalSince1970: expiry) > services.clock.now(), let task = payload.value(at: "t")?.stringValue,
            let step = payload.value(at: "s")?.numberValue.flatMap({ Int(exactly: $0) })
        else { return nil }
        taskID = task
        self.step = step
    }
}
