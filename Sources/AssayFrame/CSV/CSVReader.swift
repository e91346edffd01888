#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads CSV and TSV into datasets: RFC 4180 quoting, CRLF, a UTF-8 byte order mark, a
/// required header row, and a type inferred per column.
///
/// A column is a number column when every value parses as a decimal number (or `inf`), a bool
/// column when every value is `true` or `false` in any case, else a string column. Unquoted
/// `""`, `NA`, `NaN` and `null` are missing in every type. A quoted field is always text, so
/// `"007"` stays a string and `""` is an empty string rather than a missing value; that is what
/// lets `CSVWriter` round-trip every dataset. Blank lines are skipped.
///
/// Large inputs are cut into chunks at newlines and parsed on all cores; a chunk whose start
/// turns out to lie inside a quoted field is parsed again from the right place.
public enum CSVReader {
    /// Reads a CSV/TSV file into a dataset; errors name file, line and column (FrameError.location).
    /// `name` is how errors call the file; the path by default.
    public static func read(path: String, name: String? = nil, options: CSVOptions = CSVOptions()) throws(FrameError) -> Dataset {
        let file = try MappedFile(path: path)
        defer { file.close() }
        return try read(UnsafeBufferPointer(start: file.bytes, count: file.count), name: name ?? path, options: options)
    }

    public static func read(bytes: [UInt8], name: String, options: CSVOptions = CSVOptions()) throws(FrameError) -> Dataset {
        let result: Result<Dataset, FrameError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(FrameError) {
                return .success(try read(buffer, name: name, options: options))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Inputs smaller than this are parsed on one thread.
    static let parallelThreshold = 1 << 20

    static func read(_ input: UnsafeBufferPointer<UInt8>, name: String, options: CSVOptions) throws(FrameError) -> Dataset {
        let separator = options.separator(forFileNamed: name)
        guard separator != ASCII.quote, separator != ASCII.newline, separator != ASCII.carriageReturn else {
            throw FrameError(
                "the separator cannot be a quote or a line break", help: "use `,`, `;`, a tab or `|`",
                location: FileLocation(file: name, line: 1, column: 1))
        }
        guard let base = input.baseAddress, !input.isEmpty else {
            throw CSVReader.emptyFile(name)
        }
        // The byte order mark is not part of the first column's name.
        let hasBOM = input.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF
        let contentStart = hasBOM ? 3 : 0
        let powers = DecimalParser.powerTable
        let headerScanner = CSVScanner(base: base, count: input.count, separator: separator, columnCount: 0, powers: powers)
        let header: CSVHeader
        do throws(CSVFailure) {
            header = try CSVHeader(scanner: headerScanner, from: contentStart)
        } catch {
            throw CSVLocator(scanner: headerScanner, contentStart: contentStart, file: name).error(error, columnNames: [])
        }
        guard let names = header.names else { throw CSVReader.emptyFile(name) }
        let scanner = CSVScanner(
            base: base, count: input.count, separator: separator, columnCount: names.count, powers: powers)
        let locator = CSVLocator(scanner: scanner, contentStart: contentStart, file: name)
        try header.checkDistinct(locator: locator)
        let forced = try forcedTypes(options.types, names: names, file: name)

        // Chunks.
        let dataStart = header.end
        let chunks = try parseChunks(scanner, from: dataStart, forced: forced, locator: locator, names: names)

        // Columns.
        // Each column is joined on its own core; a column touches only its own pieces.
        let results = UnsafeMutableBufferPointer<Result<ColumnValues, FrameError>?>.allocate(capacity: names.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        Parallel.forEach(names.count) { index in
            results[index] = Result { () throws(FrameError) in
                try CSVColumnAssembler.assemble(
                    column: index, chunks: chunks, scanner: scanner, forced: forced[index], locator: locator, names: names)
            }
        }
        var columns: [Column] = []
        columns.reserveCapacity(names.count)
        for (index, columnName) in names.enumerated() {
            guard let result = results[index] else { continue }
            columns.append(Column(columnName, try result.get()))
        }
        return try Dataset(columns: columns)
    }

    private static func parseChunks(
        _ scanner: CSVScanner, from dataStart: Int, forced: [ColumnType?], locator: CSVLocator, names: [String]
    ) throws(FrameError) -> [CSVChunk] {
        let size = scanner.count - dataStart
        let expectedRows = estimateRows(scanner, from: dataStart)
        var starts = [dataStart]
        if size >= parallelThreshold {
            let pieces = Swift.min(System.coreCount * 2, size / (parallelThreshold / 2))
            for i in 1..<Swift.max(pieces, 1) {
                let nominal = dataStart + size / pieces * i
                guard nominal < scanner.count,
                    let hit = memchr(scanner.base + nominal, Int32(ASCII.newline), scanner.count - nominal)
                else { break }
                let start = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - scanner.base + 1
                if let last = starts.last, start > last, start < scanner.count { starts.append(start) }
            }
        }
        let targets = Array(starts.dropFirst()) + [scanner.count]
        let chunkRows = Swift.max(16, expectedRows / starts.count + expectedRows / 16)
        let slots = UnsafeMutableBufferPointer<CSVChunk?>.allocate(capacity: starts.count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        let makeChunk = { (start: Int) in
            CSVChunk(start: start, columnCount: scanner.columnCount, forced: forced, expectedRows: chunkRows)
        }
        let chunkStarts = starts
        Parallel.forEach(chunkStarts.count) { i in
            let chunk = makeChunk(chunkStarts[i])
            chunk.parse(scanner, target: targets[i])
            slots[i] = chunk
        }
        // Keep a chunk only if it starts where the previous one ended; otherwise its start was
        // inside a quoted field, so parse it again from the true boundary.
        var chunks: [CSVChunk] = []
        var position = dataStart
        for i in 0..<starts.count {
            guard position < targets[i] || (i == 0) else { continue }
            var chunk = slots[i] ?? makeChunk(position)
            if chunk.start != position {
                chunk = makeChunk(position)
                chunk.parse(scanner, target: targets[i])
            }
            slots[i] = nil
            if let failure = chunk.failure { throw locator.error(failure, columnNames: names) }
            position = chunk.end
            chunks.append(chunk)
        }
        return chunks
    }

    /// Rows in the data, from the newlines in its first 64 KiB.
    private static func estimateRows(_ scanner: CSVScanner, from start: Int) -> Int {
        let sample = Swift.min(scanner.count - start, 1 << 16)
        guard sample > 0 else { return 0 }
        var lines = 0
        for i in start..<(start + sample) where scanner.base[i] == ASCII.newline { lines += 1 }
        guard lines > 0 else { return 16 }
        return Int(Double(scanner.count - start) / (Double(sample) / Double(lines)))
    }

    private static func forcedTypes(_ types: [String: ColumnType], names: [String], file: String) throws(FrameError) -> [ColumnType?] {
        let known = Set(names)
        for name in types.keys.sorted() where !known.contains(name) {
            let help: String
            if let suggestion = Suggestion.closest(to: name, among: names) {
                help = "did you mean `\(suggestion)`?"
            } else {
                help = "the columns are " + names.map { "`\($0)`" }.joined(separator: ", ")
            }
            throw FrameError(
                "unknown column `\(name)` in types", help: help, location: FileLocation(file: file, line: 1, column: 1))
        }
        return names.map { types[$0] }
    }

    static func emptyFile(_ name: String) -> FrameError {
        FrameError(
            "the file is empty", help: "a CSV file starts with a header row naming its columns",
            location: FileLocation(file: name, line: 1, column: 1))
    }
}

/// Facts about the machine the parser sizes its work by.
enum System {
    static var coreCount: Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? n : 1
    }
}
