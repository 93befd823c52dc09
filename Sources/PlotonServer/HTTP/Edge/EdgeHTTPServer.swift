import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import Vapor

/// Vapor's HTTP server with Ploton's edge handlers on every connection it accepts (see
/// `EdgeErrorHandler`). Vapor offers no hook into a connection's pipeline, so once the server is
/// listening, a handler is added to its listening channel: it sees each accepted connection after
/// Vapor has set up its pipeline and before the connection is registered, and adds ours.
struct EdgeHTTPServer: Server {
    let inner: HTTPServer
    let headTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    let connections: ClientConnections
    let logger: Logger

    var onShutdown: EventLoopFuture<Void> { inner.onShutdown }

    func start(address: BindAddress?) async throws {
        try await inner.start(address: address)
        try await install().get()
    }

    @available(*, noasync, message: "Use the async start() method instead.")
    func start(address: BindAddress?) throws {
        try inner.start(address: address)
        try install().wait()
    }

    func shutdown() async { await inner.shutdown() }

    @available(*, noasync, message: "Use the async shutdown() method instead.")
    func shutdown() { inner.shutdown() }

    private func install() -> EventLoopFuture<Void> {
        guard let listener = ListeningChannel.of(inner) else {
            logger.warning("HTTP edge handlers not installed: Vapor's server keeps its listening channel elsewhere than it did")
            return inner.onShutdown.eventLoop.makeSucceededVoidFuture()
        }
        let installer = EdgeConnectionInstaller(
            headTimeout: headTimeout, bodyTimeout: bodyTimeout, connections: connections, logger: logger)
        return listener.pipeline.addHandler(installer, position: .last)
    }
}

extension Application {
    /// Serves HTTP with `EdgeHTTPServer`; a head must arrive within `headSeconds` of its first byte,
    /// and its body within `bodySeconds` of the head; `connections` watches each accepted connection.
    func useEdgeHTTPServer(headSeconds: Int, bodySeconds: Int, connections: ClientConnections) {
        servers.use { app in
            EdgeHTTPServer(
                inner: app.http.server.shared, headTimeout: .seconds(Int64(headSeconds)), bodyTimeout: .seconds(Int64(bodySeconds)),
                connections: connections, logger: app.logger)
        }
    }
}

/// On the listening channel, after Vapor's accept handler: adds the edge handlers to each accepted
/// connection's pipeline, on the connection's event loop, before the connection is registered
/// (registration is queued on that loop after this task).
final class EdgeConnectionInstaller: ChannelInboundHandler, Sendable {
    typealias InboundIn = any Channel

    let headTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    let connections: ClientConnections
    let logger: Logger

    init(headTimeout: TimeAmount, bodyTimeout: TimeAmount, connections: ClientConnections, logger: Logger) {
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
        self.connections = connections
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let connection = unwrapInboundIn(data)
        if connection.eventLoop.inEventLoop {
            addHandlers(to: connection)
        } else {
            connection.eventLoop.execute { [self] in addHandlers(to: connection) }
        }
        context.fireChannelRead(data)
    }

    private func addHandlers(to connection: any Channel) {
        connections.watch(connection)
        do {
            let pipeline = connection.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            let decompressor = try pipeline.handler(type: NIOHTTPRequestDecompressor.self)
            let closer = try pipeline.handler(type: NIOCloseOnErrorHandler.self)
            let state = EdgeConnectionState()
            let edge = EdgeErrorHandler(state: state, headTimeout: headTimeout, bodyTimeout: bodyTimeout, logger: logger)
            try pipeline.addHandler(RequestLineObserver(state: state, edge: edge), position: .before(decoder))
            try pipeline.addHandler(edge, position: .after(decoder))
            try pipeline.addHandler(BodyErrorTranslator(), position: .after(decompressor))
            try pipeline.addHandler(EdgeErrorGuard(state: state), position: .before(closer))
        } catch {
            logger.warning("HTTP edge handlers not added to a connection", metadata: ["error": "\(error)"])
        }
    }
}

/// Vapor's `HTTPServer` keeps its listening channel private (`connection` → `HTTPServerConnection.channel`,
/// behind a lock box); this reads it by reflection. Nil when Vapor changes that shape (tested:
/// `HTTPEdgeTests`).
enum ListeningChannel {
    static func of(_ server: HTTPServer) -> (any Channel)? {
        var value: Any = server
        for label in ["connection", "_storage", "header", "some", "channel"] {
            guard let child = child(of: value, labelled: label) else { return nil }
            value = child
        }
        return value as? any Channel
    }

    private static func child(of value: Any, labelled label: String) -> Any? {
        var mirror: Mirror? = Mirror(reflecting: value)
        while let current = mirror {
            if let child = current.children.first(where: { $0.label == label }) { return child.value }
            mirror = current.superclassMirror
        }
        return nil
    }
}
