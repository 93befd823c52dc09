import Instrumentation
import Tracing

/// swift-otel's tracer, less FluentKit's query spans that belong to no trace: FluentKit makes a
/// `fluent.query` span for every model query, and the workers' polling (claims, lease renewals,
/// upkeep) would make each of those a trace of its own, several a second on an idle server. A
/// query inside a request or a task run is still traced, as a child of its span.
struct RootQueryFilter<Wrapped: Tracer>: LegacyTracer {
    let wrapped: Wrapped

    func startAnySpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> ServiceContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> any Span {
        let context = context()
        if operationName == "fluent.query" {
            var carrier: [String: String] = [:]
            wrapped.inject(context, into: &carrier, using: DictionaryInjector())
            if carrier.isEmpty { return NoOpTracer.NoOpSpan(context: context) }
        }
        return wrapped.startSpan(operationName, context: context, ofKind: kind, at: instant(), function: function, file: fileID, line: line)
    }

    func forceFlush() {}

    func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract.Carrier == Carrier {
        wrapped.extract(carrier, into: &context, using: extractor)
    }

    func inject<Carrier, Inject: Injector>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject.Carrier == Carrier {
        wrapped.inject(context, into: &carrier, using: injector)
    }
}
