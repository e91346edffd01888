/// Generated datasets for experiments (`load synthetic classification|regression ...`),
/// deterministic by seed whatever the number of cores. Features are `f1…fN` in the order
/// informative, redundant, noise; the label is the number column `target`.
public enum SyntheticData {
    /// Rows per independently seeded block, the unit of parallel work.
    static let blockRows = 1 << 15

    /// Classes as Gaussian clusters (unit variance) around hypercube vertices scaled by
    /// `separation` in the informative features; redundant features are fixed random linear
    /// combinations of the informative ones; the rest are standard normal noise.
    public static func classification(
        rows: Int, features: Int, informative: Int, redundant: Int = 0, classes: Int = 2, separation: Double = 1.0,
        seed: UInt64
    ) throws(FrameError) -> Dataset {
        try check(rows: rows, features: features)
        guard informative >= 1, informative <= features else {
            throw FrameError("informative must be between 1 and features (\(features)), not \(informative)")
        }
        guard redundant >= 0, informative + redundant <= features else {
            throw FrameError(
                "informative plus redundant (\(informative) + \(redundant)) is more than features (\(features))",
                help: "raise features or lower redundant")
        }
        guard classes >= 2, classes <= 1000 else { throw FrameError("classes must be between 2 and 1000, not \(classes)") }
        guard separation.isFinite, separation >= 0 else {
            throw FrameError("separation must be a finite number of at least 0, not \(separation)")
        }

        var setup = RandomSource(seed: seed, stream: 0)
        // Distinct vertices while there are enough of them, each pushed a little off the corner.
        let vertexBits = Swift.min(informative, 62)
        var used = Set<UInt64>()
        var centroids: [[Double]] = []
        for _ in 0..<classes {
            var vertex = setup.next()
            if vertexBits < 62, UInt64(classes) <= UInt64(1) << UInt64(vertexBits) {
                vertex &= (UInt64(1) << UInt64(vertexBits)) - 1
                while used.contains(vertex) { vertex = (vertex &+ 1) & ((UInt64(1) << UInt64(vertexBits)) - 1) }
            }
            used.insert(vertex)
            centroids.append((0..<informative).map { d in
                let sign: Double = d < 64 && (vertex >> UInt64(d)) & 1 == 1 ? 1 : -1
                return separation * (sign + 0.25 * setup.normal())
            })
        }
        let mixing = (0..<redundant).map { _ in (0..<informative).map { _ in 2 * setup.uniform() - 1 } }

        let labels = generate(rows: rows, seed: seed, stream: 1) { random, _ in Double(random.below(classes)) }
        var columns: [Column] = []
        columns.reserveCapacity(features + 1)
        for d in 0..<informative {
            let centre = centroids.map { $0[d] }
            let values = labels.withUnsafeBufferPointer { labels in
                generate(rows: rows, seed: seed, stream: UInt64(2 + d)) { random, row in
                    centre[Int(labels[row])] + random.normal()
                }
            }
            columns.append(Column("f\(d + 1)", numbers: values))
        }
        for r in 0..<redundant {
            var values = [Double](repeating: 0, count: rows)
            for d in 0..<informative {
                guard case .number(let x) = columns[d].values else { continue }
                let w = mixing[r][d]
                for row in 0..<rows { values[row] += w * x[row] }
            }
            columns.append(Column("f\(informative + r + 1)", numbers: values))
        }
        for j in (informative + redundant)..<features {
            columns.append(Column("f\(j + 1)", numbers: generate(rows: rows, seed: seed, stream: UInt64(2 + j)) { random, _ in random.normal() }))
        }
        columns.append(Column("target", numbers: labels))
        return try Dataset(columns: columns)
    }

    /// `target = X·w + noise·ε` with standard normal features and ε; the first `informative`
    /// features (all by default) have weights of size 1 to 10 with random signs, the rest 0.
    public static func regression(
        rows: Int, features: Int, informative: Int? = nil, noise: Double = 0.1, seed: UInt64
    ) throws(FrameError) -> Dataset {
        try check(rows: rows, features: features)
        let informative = informative ?? features
        guard informative >= 0, informative <= features else {
            throw FrameError("informative must be between 0 and features (\(features)), not \(informative)")
        }
        guard noise.isFinite, noise >= 0 else { throw FrameError("noise must be a finite number of at least 0, not \(noise)") }
        var setup = RandomSource(seed: seed, stream: 0)
        let weights = (0..<features).map { j -> Double in
            guard j < informative else { return 0 }
            let size = 1 + 9 * setup.uniform()
            return setup.next() & 1 == 0 ? size : -size
        }
        var columns: [Column] = []
        columns.reserveCapacity(features + 1)
        var target = generate(rows: rows, seed: seed, stream: 1) { random, _ in noise * random.normal() }
        for j in 0..<features {
            let x = generate(rows: rows, seed: seed, stream: UInt64(2 + j)) { random, _ in random.normal() }
            let w = weights[j]
            if w != 0 { for row in 0..<rows { target[row] += w * x[row] } }
            columns.append(Column("f\(j + 1)", numbers: x))
        }
        columns.append(Column("target", numbers: target))
        return try Dataset(columns: columns)
    }

    private static func check(rows: Int, features: Int) throws(FrameError) {
        guard rows >= 1, rows <= 100_000_000 else { throw FrameError("rows must be between 1 and 100000000, not \(rows)") }
        guard features >= 1, features <= 10_000 else { throw FrameError("features must be between 1 and 10000, not \(features)") }
    }

    /// One column: each block of rows draws from its own stream, blocks run on all cores.
    private static func generate(
        rows: Int, seed: UInt64, stream: UInt64, _ value: (inout RandomSource, Int) -> Double
    ) -> [Double] {
        let blocks = (rows + blockRows - 1) / blockRows
        return [Double](unsafeUninitializedCapacity: rows) { buffer, initialized in
            let base = UncheckedSendable(buffer.baseAddress)
            Parallel.forEach(blocks) { block in
                guard let out = base.value else { return }
                var random = RandomSource(seed: seed, stream: stream << 32 | UInt64(block))
                let start = block * blockRows
                for row in start..<Swift.min(start + blockRows, rows) { (out + row).initialize(to: value(&random, row)) }
            }
            initialized = rows
        }
    }
}
