import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which process owns a running run: host, pid and the pid's start time, so a reused pid is not
/// mistaken for the process that started the run.
struct ProcessIdentity: Sendable, Hashable {
    var host: String
    var pid: Int32
    /// The process's start time in clock ticks since boot (Linux), empty where unknown.
    var started: String

    static let current = ProcessIdentity(host: hostName(), pid: getpid(), started: startTime(of: getpid()) ?? "")

    /// Whether this process, on this host, is still running.
    var isAlive: Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard !started.isEmpty, let now = ProcessIdentity.startTime(of: pid) else { return true }
        return now == started
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Field 22 of /proc/PID/stat; nil where there is no /proc.
    private static func startTime(of pid: Int32) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command come the state (field 3) ... starttime is field 22, index 19 here.
        return fields.count > 19 ? String(fields[19]) : nil
    }
}
