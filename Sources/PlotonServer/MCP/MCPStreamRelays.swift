import Foundation
import Synchronization
import Vapor

/// Reads the SDK transport's answer streams for their clients (a `tools/call` with progress, the
/// GET stream, and a plain request's one answer) until the stream ends or the client's connection
/// closes, whichever is first. Streams the transport replaced (a GET resumed with `Last-Event-ID`,
/// a request id sent again while the first is in flight) are never finished by it, and a reader
/// with nothing to write does not notice that its client left: each would hold its request and
/// stream for the life of the process.
final class MCPStreamRelays: Sendable {
    private let open = Atomic<Int>(0)

    /// Streams being read for a client right now.
    var count: Int { open.load(ordering: .relaxed) }

    /// Writes each chunk of `stream` to `writer`, then ends the body.
    func relay(_ stream: AsyncThrowingStream<Data, any Error>, to writer: any AsyncBodyStreamWriter, until client: ClientConnectionWatch?)
        async
    {
        await reading(until: client) {
            do {
                for try await chunk in stream { try await writer.writeBuffer(ByteBuffer(data: chunk)) }
                try await writer.write(.end)
            } catch {
                try? await writer.write(.error(error))
            }
        }
    }

    /// Runs `work`, cancelled when `client`'s connection closes (cancelling ends a stream's iteration at once).
    func reading<T: Sendable>(until client: ClientConnectionWatch?, _ work: @escaping @Sendable () async -> T) async -> T {
        open.add(1, ordering: .relaxed)
        defer { open.subtract(1, ordering: .relaxed) }
        let running = Task { await work() }
        var closing: Int?
        if let client {
            closing = client.onClose { running.cancel() }
            if closing == nil { running.cancel() }  // it closed already
        }
        let value = await running.value
        if let client, let closing { client.remove(closing) }
        return value
    }
}

extension Application {
    private struct MCPStreamRelaysKey: StorageKey { typealias Value = MCPStreamRelays }

    /// Set once in `configure`.
    var mcpStreamRelays: MCPStreamRelays {
        get {
            guard let relays = storage[MCPStreamRelaysKey.self] else { fatalError("configure(_:config:) has not run") }
            return relays
        }
        set { storage[MCPStreamRelaysKey.self] = newValue }
    }
}
