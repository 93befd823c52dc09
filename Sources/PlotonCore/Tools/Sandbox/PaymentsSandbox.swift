import Foundation

/// The `payments` tool for test keys, in Stripe's shapes: customers, invoices (newest first),
/// subscriptions and refunds, seeded per end user.
public struct PaymentsSandbox: ProviderSandbox {
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    static let plans: [(name: String, amount: Int)] = [("Starter", 1_900), ("Team", 4_900), ("Business", 14_900), ("Enterprise", 49_900)]

    public func respond(_ request: StepRequest, capability: ToolDefinition.Capability, input: [String: JSONValue]) async throws -> JSONValue
    {
        let storage = try await SandboxSupport.seededStorage(request, at: now(), seed: Self.seed)
        func matches(_ record: JSONValue, _ field: String) -> Bool {
            guard let wanted = input[field]?.stringValue else { return true }
            return record.value(at: field)?.stringValue == wanted
        }
        // Stripe answers a customer no account has with resource_missing, not with an empty list.
        if let customer = input["customer"]?.stringValue,
            try await !storage.all("customers").contains(where: { $0.value(at: "id")?.stringValue == customer })
        {
            throw SandboxSupport.noRecord("customer", id: customer, request, listedBy: "list customers")
        }
        switch request.capability {
        case "list_customers":
            return Self.list(try await storage.all("customers").filter { matches($0, "email") }, input: input)
        case "list_invoices", "latest_invoice":
            let invoices = try await storage.all("invoices")
                .filter { matches($0, "customer") && matches($0, "status") }
                .sorted { ($0.value(at: "created")?.numberValue ?? 0) > ($1.value(at: "created")?.numberValue ?? 0) }
            return Self.list(invoices, input: input)
        case "list_subscriptions":
            let status = input["status"]?.stringValue ?? "active"
            let subscriptions = try await storage.all("subscriptions").filter {
                (status == "all" || $0.value(at: "status")?.stringValue == status) && matches($0, "customer")
            }
            return Self.list(subscriptions, input: input)
        case "get_payment":
            let id = try SandboxSupport.required(request, input, "id")
            guard let intent = try await storage.all("payment_intents").first(where: { $0.value(at: "id") == id }) else {
                throw SandboxSupport.noRecord("payment", id: DefinitionRunner.text(id), request, listedBy: "list invoices")
            }
            return intent
        case "create_refund":
            let paymentIntent = try SandboxSupport.required(request, input, "payment_intent")
            // A payment the account does not have is resource_missing on Stripe: nothing is refunded.
            guard let intent = try await storage.all("payment_intents").first(where: { $0.value(at: "id") == paymentIntent }) else {
                throw SandboxSupport.noRecord("payment", id: DefinitionRunner.text(paymentIntent), request, listedBy: "list invoices")
            }
            var random = SeededRandom(request.idempotencyKey)
            let id = SandboxSupport.id("re_", &random)
            let refunds = try await storage.all("refunds")
            // The same step run again (after a crash) gets its refund back, as a repeated Idempotency-Key does on Stripe.
            if let done = refunds.first(where: { $0.value(at: "id")?.stringValue == id && $0.value(at: "payment_intent") == paymentIntent })
            {
                return done
            }
            let amount = try Self.refundable(intent, refunds: refunds, asked: input["amount"], request)
            let refund = JSONValue.object([
                "id": .string(id), "object": .string("refund"), "payment_intent": paymentIntent,
                "amount": .number(Double(amount)), "currency": .string("usd"), "status": .string("succeeded"),
                "created": SandboxSupport.unix(now()),
            ])
            try await storage.put("refunds", id: id, refund)
            return refund
        default:
            throw SandboxSupport.unknown(request)
        }
    }

    /// What a refund of `intent` may return, in cents: what was asked, or all that was not refunded
    /// yet. Stripe's refusals, in its words: nothing charged, charged but all refunded, asked for more
    /// than is left.
    static func refundable(_ intent: JSONValue, refunds: [JSONValue], asked: JSONValue?, _ request: StepRequest) throws -> Int {
        let id = intent.value(at: "id").map(DefinitionRunner.text) ?? ""
        let listing = "Ask to list the customer's invoices to see which are paid and what each was."
        guard intent.value(at: "status") == .string("succeeded") else {
            throw ToolFailure(
                code: "service_error",
                message: "payments answered with an error: This PaymentIntent (\(id)) does not have a successful charge to refund.",
                suggestion: "Only a paid invoice's payment can be refunded. " + listing)
        }
        let received = Int(intent.value(at: "amount_received")?.numberValue ?? 0)
        let refunded = refunds.filter { $0.value(at: "payment_intent")?.stringValue == id }
            .reduce(0) { $0 + Int($1.value(at: "amount")?.numberValue ?? 0) }
        let left = received - refunded
        guard left > 0 else {
            throw ToolFailure(
                code: "service_error", message: "payments answered with an error: The charge of \(id) has already been refunded.",
                suggestion: "Nothing is left to refund on that payment. " + listing)
        }
        guard let asked, asked != .null else { return left }
        guard let cents = asked.numberValue, cents == cents.rounded(), cents >= 1 else {
            throw ToolFailure(
                code: "invalid_input",
                message: "\(request.tool).\(request.capability) needs amount as a whole number of cents above zero, not \(asked.jsonText).")
        }
        guard cents <= Double(left) else {
            let shown = cents < 1e15 ? Self.dollars(Int(cents)) : "\(asked.jsonText) cents"
            throw ToolFailure(
                code: "service_error",
                message:
                    "payments answered with an error: Refund amount (\(shown)) is greater than unrefunded amount on charge (\(Self.dollars(left))).",
                suggestion: "Ask for at most \(Self.dollars(left)), or for the whole payment.")
        }
        return Int(cents)
    }

    static func dollars(_ cents: Int) -> String { "$\(cents / 100).\(String(format: "%02d", cents % 100))" }

    /// A Stripe list: the first `limit` objects and whether there are more.
    static func list(_ items: [JSONValue], input: [String: JSONValue]) -> JSONValue {
        let (page, next) = SandboxSupport.page(items, limit: input["limit"], cursor: nil)
        return .object(["object": .string("list"), "data": .array(page), "has_more": .bool(next != nil)])
    }

    static func seed(key: String, at seededAt: Date) -> [(collection: String, id: String, record: JSONValue)] {
        var random = SeededRandom(key)
        var rows: [(String, String, JSONValue)] = []
        let names = ["Ava Garcia", "Ben Chen", "Chloe Okafor", "Diego Rossi", "Emma Silva"]
        for (index, name) in names.enumerated() {
            let customer = SandboxSupport.id("cus_", &random)
            let email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.com"
            rows.append(
                (
                    "customers", customer,
                    .object([
                        "id": .string(customer), "object": .string("customer"), "name": .string(name), "email": .string(email),
                        "created": SandboxSupport.unix(seededAt.addingTimeInterval(-Double(200 + index * 20) * 86_400)),
                    ])
                ))
            let plan = random.pick(plans)
            for month in 0..<3 {
                let invoice = SandboxSupport.id("in_", &random)
                let created = seededAt.addingTimeInterval(-Double(month * 30 + index) * 86_400 - 3_600)
                let paid = !(month == 0 && index % 2 == 0)
                // Stripe opens the invoice's PaymentIntent when it finalises it; paying it succeeds the intent.
                let paymentIntent = "pi_" + invoice.dropFirst(3)
                rows.append(
                    (
                        "payment_intents", paymentIntent,
                        .object([
                            "id": .string(paymentIntent), "object": .string("payment_intent"), "amount": .number(Double(plan.amount)),
                            "amount_received": .number(paid ? Double(plan.amount) : 0), "currency": .string("usd"),
                            "customer": .string(customer), "invoice": .string(invoice),
                            "status": .string(paid ? "succeeded" : "requires_payment_method"), "created": SandboxSupport.unix(created),
                        ])
                    ))
                rows.append(
                    (
                        "invoices", invoice,
                        .object([
                            "id": .string(invoice), "object": .string("invoice"), "number": .string("INV-\(1000 + index * 10 + month)"),
                            "customer": .string(customer), "customer_name": .string(name), "customer_email": .string(email),
                            "amount_due": .number(Double(plan.amount)),
                            "amount_paid": .number(paid ? Double(plan.amount) : 0), "payment_intent": .string(paymentIntent),
                            "currency": .string("usd"), "status": .string(paid ? "paid" : "open"),
                            "created": SandboxSupport.unix(created),
                            "due_date": SandboxSupport.unix(created.addingTimeInterval(14 * 86_400)),
                            "description": .string("\(plan.name) plan, monthly"),
                            "lines": .object([
                                "object": .string("list"),
                                "data": .array([
                                    .object([
                                        "description": .string(
                                            "1 × \(plan.name) (at \(dollars(plan.amount)) / month)"
                                        ),
                                        "amount": .number(Double(plan.amount)),
                                    ])
                                ]),
                            ]),
                        ])
                    ))
            }
            let subscription = SandboxSupport.id("sub_", &random)
            let periodEnd = seededAt.addingTimeInterval(Double(3 + index * 5) * 86_400)
            rows.append(
                (
                    "subscriptions", subscription,
                    .object([
                        "id": .string(subscription), "object": .string("subscription"), "customer": .string(customer),
                        "status": .string(index == 4 ? "canceled" : "active"), "currency": .string("usd"),
                        "current_period_end": SandboxSupport.unix(periodEnd),
                        "plan": .object([
                            "nickname": .string(plan.name), "amount": .number(Double(plan.amount)), "interval": .string("month"),
                        ]),
                        "items": .object([
                            "object": .string("list"),
                            "data": .array([
                                .object([
                                    "price": .object([
                                        "nickname": .string(plan.name), "unit_amount": .number(Double(plan.amount)),
                                        "recurring": .object(["interval": .string("month")]),
                                    ])
                                ])
                            ]),
                        ]),
                    ])
                ))
        }
        return rows
    }
}
