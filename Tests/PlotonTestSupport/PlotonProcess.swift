import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// The built `ploton` executable, run as a real process with its own environment.
public final class PlotonProcess: @unchecked Sendable {
    /// `ploton` is built next to the test bundle (the CLI test target depends on it).
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PLOTON_BINARY"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !directory.path.hasSuffix(".xctest"), directory.path != "/" {
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("ploton").path) { break }
            directory.deleteLastPathComponent()
        }
        if directory.path.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("ploton")
    }

    public let process = Process()
    public let port: Int
    public let stdoutFile: URL
    public let stderrFile: URL

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var stdout: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// Starts `ploton serve` and returns once `/health` answers (or fails after `timeout`).
    public static func serve(
        environment: [String: String], workingDirectory: URL, extraArguments: [String] = [], timeout: Duration = .seconds(60)
    ) async throws -> PlotonProcess {
        let port = try FreePort.pick()
        let server = try PlotonProcess(
            arguments: ["serve", "--host", "127.0.0.1", "--port", "\(port)"] + extraArguments, environment: environment,
            workingDirectory: workingDirectory, port: port)
        try await server.waitUntilHealthy(timeout: timeout)
        return server
    }

    /// Starts a `ploton` process without waiting for HTTP (for example `PLOTON_ROLE=worker`).
    public static func start(arguments: [String], environment: [String: String], workingDirectory: URL) throws -> PlotonProcess {
        try PlotonProcess(arguments: arguments, environment: environment, workingDirectory: workingDirectory, port: 0)
    }

    init(arguments: [String], environment: [String: String], workingDirectory: URL, port: Int) throws {
        self.port = port
        let logs = workingDirectory.appendingPathComponent("logs-\(port)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        stdoutFile = logs.appendingPathComponent("stdout")
        stderrFile = logs.appendingPathComponent("stderr")
        try Self.launch(process, arguments, environment: environment, in: workingDirectory, stdout: stdoutFile, stderr: stderrFile)
    }

    /// Starts `ploton` with its output going to files (not pipes: a chatty child never blocks).
    static func launch(
        _ process: Process, _ arguments: [String], environment: [String: String], in directory: URL, stdout: URL, stderr: URL
    ) throws {
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
    }

    private func waitUntilHealthy(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw ProcessError.exited(status: process.terminationStatus, stderr: stderr) }
            if let response = try? await request(.GET, "/health"), response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(100))  // polling a process we do not control
        }
        throw ProcessError.notHealthy(stderr: stderr)
    }

    public struct Response: Sendable {
        public var status: HTTPResponseStatus
        public var headers: HTTPHeaders
        public var body: String
        /// `GET /v1/tasks`, for failure messages.
        public var request: String = ""
        /// The process that answered, whose log a failed expectation shows.
        var server: PlotonProcess? = nil

        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
        }
    }

    public func request(_ method: HTTPMethod, _ path: String, key: String? = nil, json: String? = nil) async throws -> Response {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 4 << 20)
            return Response(
                status: response.status, headers: response.headers, body: String(buffer: body), request: "\(method.rawValue) \(path)",
                server: self)
        } catch {
            throw RequestFailed(request: "\(method.rawValue) \(path)", error: error, serverLog: stderrTail())
        }
    }

    /// A request that got no answer, with what the server logged meanwhile.
    public struct RequestFailed: Error, CustomStringConvertible {
        public var request: String
        public var error: any Error
        public var serverLog: String

        public var description: String { "\(request) got no answer: \(String(reflecting: error))\n\(serverLog)" }
    }

    /// Sends `signal` and waits (bounded) for the process to exit; returns its exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(30)) async throws -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw ProcessError.didNotStop
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    public enum ProcessError: Error, CustomStringConvertible {
        case exited(status: Int32, stderr: String)
        case notHealthy(stderr: String)
        case didNotStop

        public var description: String {
            switch self {
            case .exited(let status, let stderr): "ploton exited with \(status):\n\(stderr)"
            case .notHealthy(let stderr): "ploton did not become healthy:\n\(stderr)"
            case .didNotStop: "ploton did not stop in time"
            }
        }
    }
}

/// Runs a `ploton` command to completion.
public enum PlotonCommandRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// `input`, when given, is the command's standard input.
    public static func run(_ arguments: [String], environment: [String: String], workingDirectory: URL, input: String? = nil) throws
        -> Result
    {
        let out = workingDirectory.appendingPathComponent("cmd-\(UUID().uuidString).out")
        let err = workingDirectory.appendingPathComponent("cmd-\(UUID().uuidString).err")
        let inputFile = workingDirectory.appendingPathComponent("cmd-\(UUID().uuidString).in")
        defer { for file in [out, err, inputFile] { try? FileManager.default.removeItem(at: file) } }
        let process = Process()
        if let input {
            _ = FileManager.default.createFile(atPath: inputFile.path, contents: Data(input.utf8))
            process.standardInput = try FileHandle(forReadingFrom: inputFile)
        }
        try PlotonProcess.launch(process, arguments, environment: environment, in: workingDirectory, stdout: out, stderr: err)
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}

/// A TCP port that is free right now on the loopback interface, for a server started a moment later.
///
/// Picked below the kernel's ephemeral range and never twice in one test process. A port from
/// `bind(0)` and closed is soon handed out again (four processes picking every 20 ms here got a
/// port another had got in the previous 3 s 57 times in 2,000 picks), and `ploton serve` binds its
/// port only after migrating, seconds later on a loaded machine. Two servers of a parallel suite
/// could so be given one port: the loser exits 1 (`Address already in use`) while its test, whose
/// `/health` the winner answered, sends its key to the other server (`401`) and then reads a
/// non-zero exit, which is how `ServeTests` failed once in CI's PostgreSQL run.
public enum FreePort {
    /// The next port to try, from a random start so concurrent test processes seldom meet.
    private static let next = Mutex(Int.random(in: 0..<range.count))

    /// From 10000 up to the start of the ephemeral range (`ip_local_port_range`, 32768 by default),
    /// which `bind(0)` and outgoing connections draw from.
    static let range: Range<Int> = {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let ephemeralStart = text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
        return 10_000..<max(ephemeralStart, 20_000)
    }()

    public static func pick() throws -> Int {
        for _ in 0..<range.count {
            let port = next.withLock { offset in
                defer { offset = (offset + 1) % range.count }
                return range.lowerBound + offset
            }
            if isFree(port) { return port }
        }
        throw POSIXError(.EADDRINUSE)
    }

    /// Whether `port` can be bound on 127.0.0.1 now (not listening, not in TIME_WAIT, no `0.0.0.0` listener).
    private static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
