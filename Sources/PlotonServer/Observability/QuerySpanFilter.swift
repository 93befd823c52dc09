import Instrumentation
import Tracing

/// swift-otel's tracer, less FluentKit's `fluent.query` span for every model query: outside a trace
/// (the workers' polling) each would be a trace of its own, several a second on an idle server, and
/// inside one they doubled a task's spans and most of tracing's cost (docs/operations.md).
struct QuerySpanFilter<Wrapped: Tracer>: Tracer {
    let wrapped: Wrapped

    func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> ServiceContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> FilteredSpan<Wrapped.Span> {
        let context = context()
        if operationName == "fluent.query" { return .dropped(NoOpTracer.NoOpSpan(context: context)) }
        return .traced(
            wrapped.startSpan(operationName, context: context, ofKind: kind, at: instant(), function: function, file: fileID, line: line))
    }

    func activeSpan(identifiedBy context: ServiceContext) -> FilteredSpan<Wrapped.Span>? {
        wrapped.activeSpan(identifiedBy: context).map(FilteredSpan.traced)
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

/// A span of the wrapped tracer, or one that records nothing.
enum FilteredSpan<Wrapped: Span>: Span {
    case traced(Wrapped)
    case dropped(NoOpTracer.NoOpSpan)

    private var span: any Span {
        switch self {
        case .traced(let span): span
        case .dropped(let span): span
        }
    }

    var context: ServiceContext { span.context }
    var isRecording: Bool { span.isRecording }

    var operationName: String {
        get { span.operationName }
        nonmutating set { span.operationName = newValue }
    }

    var attributes: SpanAttributes {
        get { span.attributes }
        nonmutating set { span.attributes = newValue }
    }

    func setStatus(_ status: SpanStatus) { span.setStatus(status) }
    func addEvent(_ event: SpanEvent) { span.addEvent(event) }
    func addLink(_ link: SpanLink) { span.addLink(link) }

    func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {
        span.recordError(error, attributes: attributes, at: instant())
    }

    func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) { span.end(at: instant()) }
}
