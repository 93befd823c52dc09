import Foundation
import PlotonCore
import Testing

/// The payments sandbox refunds as Stripe does: at most what was charged and not refunded yet,
/// and a step run again gets its own refund back instead of a second one.
@Suite struct PaymentsRefundTests {
    let storage = InMemorySandboxStorage()

    func refund(_ input: [String: JSONValue], step: Int) async throws -> JSONValue {
        let definition = try #require(ToolCatalog.builtInDefinitions.first { $0.name == "payments" })
        let request = StepRequest(
            taskID: "task_1", accountID: "acct_1", userID: "user_1", stepIndex: step, tool: "payments", capability: "create_refund",
            input: input, mode: .sandbox, idempotencyKey: "task_1_step_\(step)", sandbox: storage)
        return try await PaymentsSandbox().respond(
            request, capability: try #require(definition.capability("create_refund")), input: input)
    }

    /// A paid invoice's payment and the amount charged, in cents.
    func paidPayment() async throws -> (id: String, amount: Int) {
        _ = try? await refund(["payment_intent": .string("pi_seed")], step: 99)
        let paid = try #require(
            try await storage.all("payment_intents").first { $0.value(at: "status") == .string("succeeded") })
        return (try #require(paid.value(at: "id")?.stringValue), Int(try #require(paid.value(at: "amount_received")?.numberValue)))
    }

    func failure(_ input: [String: JSONValue], step: Int) async throws -> ToolFailure {
        do {
            let refunded = try await refund(input, step: step)
            Issue.record("refunded: \(refunded)")
            return ToolFailure(code: "none", message: "")
        } catch let failure as ToolFailure {
            return failure
        }
    }

    @Test func a_payment_is_refunded_at_most_once_in_full() async throws {
        let (id, amount) = try await paidPayment()
        let first = try await refund(["payment_intent": .string(id)], step: 0)
        #expect(first.value(at: "amount") == .number(Double(amount)))
        #expect(first.value(at: "status") == .string("succeeded"))

        let again = try await failure(["payment_intent": .string(id)], step: 1)
        #expect(again.code == .serviceError)
        #expect(again.message.contains("has already been refunded"), "\(again.message)")
        #expect(again.suggestion?.contains("Nothing is left to refund") == true)
        #expect(try await storage.all("refunds").count == 1)
    }

    @Test func partial_refunds_add_up_to_what_was_charged() async throws {
        let (id, amount) = try await paidPayment()
        _ = try await refund(["payment_intent": .string(id), "amount": .number(100)], step: 0)
        let tooMuch = try await failure(["payment_intent": .string(id), "amount": .number(Double(amount))], step: 1)
        #expect(tooMuch.message.contains("is greater than unrefunded amount on charge"), "\(tooMuch.message)")
        #expect(
            tooMuch.suggestion?.contains(String(format: "$%.2f", Double(amount - 100) / 100)) == true,
            "\(String(describing: tooMuch.suggestion))")
        let rest = try await refund(["payment_intent": .string(id)], step: 2)
        #expect(rest.value(at: "amount") == .number(Double(amount - 100)))
        #expect(try await storage.all("refunds").count == 2)
    }

    @Test func a_step_run_again_gets_its_refund_back() async throws {
        let (id, _) = try await paidPayment()
        let first = try await refund(["payment_intent": .string(id)], step: 0)
        let replayed = try await refund(["payment_intent": .string(id)], step: 0)
        #expect(replayed == first)
        #expect(try await storage.all("refunds").count == 1)
    }

    @Test func amounts_that_are_not_whole_cents_above_zero_are_refused() async throws {
        let (id, _) = try await paidPayment()
        for amount: JSONValue in [.number(0), .number(-5), .number(10.5), .string("100"), .number(1e300)] {
            let refused = try await failure(["payment_intent": .string(id), "amount": amount], step: 0)
            #expect([.invalidInput, .serviceError].contains(refused.code), "\(amount): \(refused)")
        }
        #expect(try await storage.all("refunds").isEmpty)
    }

    @Test func an_unpaid_invoices_payment_has_nothing_to_refund() async throws {
        _ = try await paidPayment()
        let unpaid = try #require(
            try await storage.all("payment_intents").first { $0.value(at: "status") != .string("succeeded") }?.value(at: "id"))
        let refused = try await failure(["payment_intent": unpaid], step: 0)
        #expect(refused.message.contains("does not have a successful charge to refund"))
        #expect(refused.suggestion?.contains("Only a paid invoice's payment can be refunded") == true)
    }
}
