#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes mapped read-only into memory: no copy, and pages come from the page cache.
struct MappedFile {
    let bytes: UnsafePointer<UInt8>?
    let count: Int

    init(path: String) throws(FrameError) {
        let location = FileLocation(file: path, line: 1, column: 1)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT {
                throw FrameError(
                    "no such file `\(path)`",
                    // An absolute path already says where it looked.
                    help: path.hasPrefix("/") ? nil : "relative paths start at the kernel's working directory `\(MappedFile.workingDirectory)`",
                    location: location)
            }
            throw FrameError("cannot open `\(path)`: \(MappedFile.describe(code))", location: location)
        }
        defer { _ = Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw FrameError("cannot read `\(path)`: \(MappedFile.describe(errno))", location: location)
        }
        guard info.st_mode & S_IFMT != S_IFDIR else {
            throw FrameError("`\(path)` is a directory, not a file", location: location)
        }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = nil
            count = 0
            return
        }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw FrameError("cannot read `\(path)`: \(MappedFile.describe(errno))", location: location)
        }
        _ = madvise(mapped, size, MADV_WILLNEED)
        bytes = UnsafePointer(mapped.assumingMemoryBound(to: UInt8.self))
        count = size
    }

    func close() {
        guard let bytes else { return }
        _ = munmap(UnsafeMutableRawPointer(mutating: bytes), count)
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }

    private static var workingDirectory: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
