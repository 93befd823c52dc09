import Foundation
import PlotonCore

#if canImport(Glibc)
    import Glibc
#endif

/// The TTL that DNS gives a host's addresses: the smallest of its A and AAAA answers' (and the
/// aliases' leading to them), asked of the system's name servers with the C library's
/// `res_query`. Nil where DNS does not answer for the name (an `/etc/hosts` entry, a search
/// domain), or the C library has no `res_query`: the caller then keeps the answer a fixed time.
enum DNSTTLLookup {
    private typealias Query = @convention(c) (UnsafePointer<CChar>?, Int32, Int32, UnsafeMutablePointer<UInt8>?, Int32) -> Int32
    // Looked up at run time: glibc has had it in libc itself since 2.34, and not every C library does.
    nonisolated(unsafe) private static let query: Query? = dlsym(nil, "res_query").map { unsafeBitCast($0, to: Query.self) }

    static func seconds(_ host: String) -> TimeInterval? {
        guard let query else { return nil }
        let ttls = [Int32(1), 28].compactMap { type -> UInt32? in  // A, AAAA
            var message = [UInt8](repeating: 0, count: 4096)
            let length = host.withCString { query($0, 1, type, &message, Int32(message.count)) }  // class IN
            guard length > 0 else { return nil }
            return DNSAnswerTTL.seconds(in: Array(message.prefix(Int(length))))
        }
        return ttls.min().map(TimeInterval.init)
    }
}
