import AssayFrame
import AssayLearn
import Foundation
import Testing

/// Every fitted stage written through `StoredStage` and read back transforms to the same bits.
@Suite struct StoredStageTests {
    static let data: Dataset? = try? Dataset(columns: [
        Column("island", strings: ["Dream", "Biscoe", "Dream", nil, "Torgersen", "Biscoe", "Dream"]),
        Column("mass", numbers: [3.0, .nan, 5.0, 4.0, 8.0, .nan, 4.0]),
        Column("bill", numbers: [1.1, 2, 3.3, 4, 5.5, 6, 7.25]),
        Column("size", numbers: [0.1, 0.7, 0.2, 0.9, 0.4, 0.35, 1.0 / 3]),
        Column("flag", bools: [true, nil, false, true, nil, false, true]),
        // No values at all: `scale` fits a NaN center to it.
        Column("empty", numbers: [Double](repeating: .nan, count: 7)),
    ])

    /// `if(island in ["Dream", "Biscoe"] and not (mass is null), log(bill + 1) * -2.5, null)`:
    /// every kind of expression node.
    static let expression = RowExpression.call("if", [
        .binary(
            .and,
            .isIn(.column("island", id: 1), [.string("Dream", id: 2), .string("Biscoe", id: 3)], negated: false, id: 4),
            .unary(.not, .isNull(.column("mass", id: 5), negated: false, id: 6), id: 7), id: 8),
        .binary(.multiply, .call("log", [.binary(.add, .column("bill", id: 9), .number(1, id: 10), id: 11)], id: 12), .number(-2.5, id: 13), id: 14),
        .null(id: 15),
    ], id: 16)

    static let stages: [any Stage] = [
        Impute(.names(["mass"])),
        Impute(.names(["mass"]), strategy: .median),
        Impute(.names(["island"]), strategy: .mode),
        Impute(.names(["flag"]), strategy: .value(.bool(true))),
        Scale(.numeric),
        Scale(.numeric, method: .minmax),
        Scale(.numeric, method: .robust),
        OneHot(),
        OneHot(.names(["island"]), dropLast: true, maxCategories: 2),
        CategoryIndex(),
        CategoryIndex(.names(["flag"])),
        Bucket("bill", splits: [2, 5]),
        Quantiles(.names(["bill", "mass", "empty"]), buckets: 3),
        Polynomial(.names(["bill", "mass"]), degree: 3),
        Interaction("bill", "size"),
        LogOnePlus(.names(["bill", "mass"])),
        PrincipalComponents(.names(["bill", "size"]), k: 2),
        Derivation("score", expression),
        Derivation("check", .isNull(.column("flag", id: 1), negated: true, id: 2)),
    ]

    func reloaded(_ stage: any FittedStage) throws -> any FittedStage {
        let json = try ModelCoding.encode(StoredStage(stage))
        return try ModelCoding.decode(StoredStage.self, from: json).stage
    }

    @Test(arguments: stages)
    func aSavedStageTransformsToTheSameBits(_ stage: any Stage) throws {
        let data = try #require(Self.data)
        let fitted = try stage.fit(data, context: FitContext())
        let loaded = try reloaded(fitted)
        #expect(type(of: loaded) == type(of: fitted))
        #expect(identical(try loaded.transform(data), try fitted.transform(data)))
        #expect(loaded.summary.map { "\($0.0): \($0.1)" } == fitted.summary.map { "\($0.0): \($0.1)" })
        // Saving what was loaded gives the same file.
        #expect(try ModelCoding.encode(StoredStage(loaded)) == ModelCoding.encode(StoredStage(fitted)))
    }

    @Test func theFileIsTaggedWithTheStageType() throws {
        let json = try ModelCoding.encode(StoredStage(Bucket("bill", splits: [2, 5.5])))
        #expect(String(decoding: json, as: UTF8.self) == #"{"column":"bill","splits":[2,5.5],"type":"bucket"}"#)
    }

    @Test func missingAndInfiniteStateIsWrittenAsStrings() throws {
        let data = try #require(Self.data)
        let scale = try Scale(.names(["empty"])).fit(data, context: FitContext())
        let json = try ModelCoding.encode(StoredStage(scale))
        #expect(String(decoding: json, as: UTF8.self) == #"{"columns":[{"center":"nan","column":"empty","scale":1}],"method":"standard","type":"scale"}"#)
        let open = Bucket("bill", splits: [-.infinity, 0, .infinity])
        let loaded = try #require(try reloaded(open) as? Bucket)
        #expect(loaded.splits == [-.infinity, 0, .infinity])
        #expect(identical(try loaded.transform(data), try open.transform(data)))
    }

    @Test func anExpressionReadsBackEqual() throws {
        let json = try ModelCoding.encode(Self.expression)
        #expect(try ModelCoding.decode(RowExpression.self, from: json) == Self.expression)
        let literal = RowExpression.binary(.add, .column("bill", id: 1), .number(1, id: 2), id: 3)
        #expect(String(decoding: try ModelCoding.encode(literal), as: UTF8.self)
            == #"{"id":3,"left":{"id":1,"name":"bill","node":"column"},"node":"binary","operator":"+","right":{"id":2,"node":"number","value":1}}"#)
    }

    @Test func aStringFillOfNanStaysAString() throws {
        let data = try Dataset(columns: [Column("word", strings: ["a", nil])])
        let fitted = try Impute(.names(["word"]), strategy: .value(.string("nan"))).fit(data, context: FitContext())
        #expect(try reloaded(fitted).transform(data).column("word")?[1] == .string("nan"))
    }
}

/// The same columns, numbers equal to the bit (any NaN matches any NaN), other columns equal.
func identical(_ a: Dataset, _ b: Dataset) -> Bool {
    guard a.columnNames == b.columnNames else { return false }
    return zip(a.columns, b.columns).allSatisfy { x, y in
        if case .number(let u) = x.values, case .number(let v) = y.values { return sameBits(u, v) }
        return x.values == y.values
    }
}

/// Equal to the bit, except that any NaN matches any NaN (a saved NaN comes back as the canonical one).
func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
}
