import AssayFrame
import Dispatch

/// Reads Arrow IPC stream bytes, fed in pieces, into one dataset: each record batch is
/// appended to growing columns as it arrives, so no batch is held twice.
///
/// A piece may be a whole stream (Spark sends each result batch as one), several, or part of
/// a message; a message cut between pieces waits for the rest. Every stream must have the
/// first one's column names and types. After an error the decoder keeps throwing it.
public final class ArrowStreamDecoder {
    /// The columns' names and Assay types, once the first schema message is read.
    public private(set) var schema: Schema?
    /// Rows read so far.
    public private(set) var rowCount = 0

    private var layouts: [FieldLayout] = []
    private var fields: [ArrowField] = []
    private var accumulators: [ColumnAccumulator] = []
    private var dictionaries = DictionaryStore()
    /// The bytes of a message not yet complete.
    private var pending: [UInt8] = []
    private var failure: ArrowError?

    public init() {}

    /// Reads the messages in `bytes` (any contiguous collection, such as `[UInt8]` or `Data`).
    public func feed(_ bytes: some Collection<UInt8>) throws(ArrowError) {
        let fed = bytes.withContiguousStorageIfAvailable { buffer in
            Result<Void, ArrowError> { () throws(ArrowError) in try feed(UnsafeRawBufferPointer(buffer)) }
        }
        if let fed { return try fed.get() }
        try feed(Array(bytes))
    }

    /// Reads the messages in `bytes`; the memory need not outlive the call.
    public func feed(_ bytes: UnsafeRawBufferPointer) throws(ArrowError) {
        if let failure { throw failure }
        do {
            if pending.isEmpty {
                let used = try consume(bytes)
                if used < bytes.count { pending = Array(bytes[used...]) }
            } else {
                var buffer = pending
                pending = []
                buffer.append(contentsOf: bytes)
                let result = buffer.withUnsafeBytes { all in
                    Result<Int, ArrowError> { () throws(ArrowError) in try consume(all) }
                }
                let used = try result.get()
                pending = used == 0 ? buffer : Array(buffer[used...])
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// The dataset of every row read; `Dataset.empty` if no schema came. Bytes left over
    /// that are not a whole message are an error.
    public func finish() throws(ArrowError) -> Dataset {
        if let failure { throw failure }
        guard pending.isEmpty else {
            throw .truncated("\(pending.count) bytes after the last whole message")
        }
        guard schema != nil else { return .empty }
        var columns: [Column] = []
        for accumulator in accumulators {
            columns.append(try accumulator.column())
        }
        do {
            return try Dataset(columns: columns)
        } catch {
            throw .malformed(error.message)
        }
    }

    /// Reads whole messages from the start of `bytes`; returns how many bytes they took.
    private func consume(_ bytes: UnsafeRawBufferPointer) throws(ArrowError) -> Int {
        var position = 0
        while true {
            switch try MessageFrame.next(in: bytes, at: position) {
            case .incomplete:
                return position
            case .endOfStream(let next):
                position = next
            case .message(let message, let body, let next):
                try read(message, body: UnsafeRawBufferPointer(rebasing: bytes[body]))
                position = next
            }
        }
    }

    private func read(_ message: ArrowMessage, body: UnsafeRawBufferPointer) throws(ArrowError) {
        switch message.header {
        case .schema(let fields):
            try begin(fields)
        case .dictionaryBatch(let id, let isDelta, let header):
            guard let field = fields.first(where: { $0.dictionary?.id == id }),
                  case .dictionary(_, let offsetBytes) = try FieldLayout(field) else {
                throw .malformed("dictionary batch \(id) belongs to no column of the schema")
            }
            var batch = BatchBody(header, body)
            try dictionaries.store(id: id, isDelta: isDelta, offsetBytes: offsetBytes, body: &batch)
        case .recordBatch(let header):
            guard schema != nil else { throw .malformed("a record batch comes before the schema") }
            try append(header, body: body)
        }
    }

    /// A schema message: the start of a stream. The first sets the columns; later ones must agree.
    private func begin(_ fields: [ArrowField]) throws(ArrowError) {
        var layouts: [FieldLayout] = []
        for field in fields { layouts.append(try FieldLayout(field)) }
        let landings = layouts.map(\.landing)
        if let schema {
            guard fields.map(\.name) == schema.names, landings == accumulators.map(\.landing) else {
                throw .schemaMismatch(
                    expected: ArrowStreamDecoder.describe(schema.names, accumulators.map(\.landing)),
                    found: ArrowStreamDecoder.describe(fields.map(\.name), landings))
            }
        } else {
            var seen = Set<String>()
            for field in fields where !seen.insert(field.name).inserted { throw .duplicateColumn(field.name) }
            accumulators = zip(fields, landings).map { ColumnAccumulator(name: $0.name, landing: $1) }
            schema = Schema(zip(fields, landings).map { Schema.Field($0.name, $1.columnType) })
        }
        self.fields = fields
        self.layouts = layouts
        dictionaries = DictionaryStore()
    }

    /// A record batch: every column's rows appended, columns decoded in parallel when the
    /// batch is large enough to pay for the threads.
    private func append(_ header: RecordBatchHeader, body: UnsafeRawBufferPointer) throws(ArrowError) {
        var batch = BatchBody(header, body)
        var slices: [(RecordBatchHeader.Node, [UnsafeRawBufferPointer])] = []
        for (field, layout) in zip(fields, layouts) {
            slices.append(try batch.field(field.name, buffers: layout.bufferCount))
        }
        let work = UncheckedSendable((accumulators, layouts, slices, dictionaries))
        let failures = UncheckedSendable(UnsafeMutableBufferPointer<ArrowError?>.allocate(capacity: slices.count))
        failures.value.initialize(repeating: nil)
        defer { failures.value.deallocate() }
        let decode: @Sendable (Int) -> Void = { index in
            let (accumulators, layouts, slices, dictionaries) = work.value
            do throws(ArrowError) {
                try accumulators[index].append(layouts[index], slices[index].0, slices[index].1, dictionaries: dictionaries)
            } catch {
                failures.value[index] = error
            }
        }
        if header.length * slices.count >= 200_000, slices.count > 1 {
            DispatchQueue.concurrentPerform(iterations: slices.count, execute: decode)
        } else {
            for index in slices.indices { decode(index) }
        }
        // The columns that took the batch are now longer than the others, so the decoder
        // keeps this failure (see `feed`).
        if let failure = failures.value.lazy.compactMap({ $0 }).first { throw failure }
        rowCount += header.length
    }

    private static func describe(_ names: [String], _ landings: [FieldLayout.Landing]) -> String {
        "(" + zip(names, landings).map { "\($0): \($1 == .date ? "date" : $1.columnType.rawValue)" }.joined(separator: ", ") + ")"
    }
}

/// A value handed to other threads under a contract the compiler cannot check: each thread
/// touches only its own column's accumulator and failure slot, and reads the rest.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
