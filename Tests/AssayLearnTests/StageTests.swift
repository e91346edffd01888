import AssayFrame
import AssayLearn
import Testing

/// Feature stages on small datasets: fitted statistics, output and error text.
@Suite struct StageTests {
    let context = FitContext()
    let penguins: Dataset

    init() throws {
        penguins = try Dataset(columns: [
            Column("island", strings: ["Dream", "Biscoe", "Dream", nil, "Torgersen", "Biscoe", "Dream"]),
            Column("mass", numbers: [3.0, .nan, 5.0, 4.0, 8.0, .nan, 4.0]),
            Column("bill", numbers: [1, 2, 3, 4, 5, 6, 7]),
        ])
    }

    func numbers(_ data: Dataset, _ name: String) -> [Double] {
        if case .number(let v)? = data.column(name)?.values { return v }
        return []
    }

    @Test func imputeLearnsMeanMedianAndModeFromFittedDataOnly() throws {
        let mean = try Impute(.names(["mass"])).fit(penguins, context: context)
        #expect(mean.summary.map(\.1) == ["4.8"])
        #expect(numbers(try mean.transform(penguins), "mass") == [3, 4.8, 5, 4, 8, 4.8, 4])
        let median = try Impute(.names(["mass"]), strategy: .median).fit(penguins, context: context)
        #expect(median.summary.map(\.1) == ["4"])
        let mode = try Impute(.names(["island"]), strategy: .mode).fit(penguins, context: context)
        #expect(mode.summary.map(\.1) == ["Dream"])
        #expect(try mode.transform(penguins).column("island")?[3] == .string("Dream"))
        // Statistics come from the fitted part: a later dataset's values don't change them.
        let other = try Dataset(columns: [Column("mass", numbers: [.nan, 100])])
        #expect(numbers(try mean.transform(other), "mass") == [4.8, 100])
    }

    @Test func imputeMeanOfStringsIsAnErrorWithHelp() {
        #expect(throws: LearnError("`impute` needs number columns, and `island` holds strings", help: "encode strings first: `onehot(...)` or `index(...)`")) {
            try Impute(.names(["island"])).fit(penguins, context: context)
        }
    }

    @Test func unknownColumnSuggestsTheClosest() {
        #expect(throws: LearnError("unknown column `ilsand` in `onehot`", help: "did you mean `island`?")) {
            try OneHot(.names(["ilsand"])).fit(penguins, context: context)
        }
    }

    @Test func onehotMostFrequentFirstUnseenAndMissingAreZeros() throws {
        let fitted = try OneHot().fit(penguins, context: context)
        #expect(fitted.summary.map(\.1) == ["Dream, Biscoe, Torgersen"])
        let test = try Dataset(columns: [Column("island", strings: ["Biscoe", "Mars", nil]), Column("bill", numbers: [1, 2, 3])])
        let out = try fitted.transform(test)
        #expect(out.columnNames == ["island=Dream", "island=Biscoe", "island=Torgersen", "bill"])
        #expect(numbers(out, "island=Biscoe") == [1, 0, 0])
        #expect(numbers(out, "island=Dream") == [0, 0, 0])
    }

    @Test func onehotPutsRareCategoriesInOtherAndCanDropTheLast() throws {
        let fitted = try OneHot(.names(["island"]), dropLast: false, maxCategories: 2).fit(penguins, context: context)
        let out = try fitted.transform(penguins)
        #expect(out.columnNames == ["island=Dream", "island=other", "mass", "bill"])
        #expect(numbers(out, "island=other") == [0, 1, 0, 0, 1, 1, 0])
        let dropped = try OneHot(dropLast: true).fit(penguins, context: context).transform(penguins)
        #expect(dropped.columnNames == ["island=Dream", "island=Biscoe", "mass", "bill"])
    }

    @Test func indexCodesMostFrequentFirstUnseenIsMissing() throws {
        let fitted = try CategoryIndex().fit(penguins, context: context)
        #expect(fitted.summary.map(\.1) == ["Dream=0, Biscoe=1, Torgersen=2"])
        let test = try Dataset(columns: [Column("island", strings: ["Torgersen", "Mars", nil])])
        let codes = numbers(try fitted.transform(test), "island")
        #expect(codes[0] == 2 && codes[1].isNaN && codes[2].isNaN)
    }

    @Test func bucketAndQuantiles() throws {
        let bucket = try Bucket("bill", splits: [2, 5]).fit(penguins, context: context)
        #expect(numbers(try bucket.transform(penguins), "bill") == [0, 1, 1, 1, 2, 2, 2])
        // np.quantile([1..7], [.25, .5, .75]) == [2.5, 4, 5.5]
        let quartiles = try Quantiles(.names(["bill"])).fit(penguins, context: context)
        #expect(quartiles.summary.map(\.1) == ["splits 2.5, 4, 5.5"])
        #expect(numbers(try quartiles.transform(penguins), "bill") == [0, 0, 1, 2, 2, 3, 3])
        #expect(throws: LearnError("`bucket` needs increasing split points, got [\"5\", \"2\"]", help: "for example `splits=[0, 18, 65]`")) {
            try Bucket("bill", splits: [5, 2]).fit(penguins, context: context)
        }
    }

    @Test func polyInteractAndLog() throws {
        let data = try Dataset(columns: [Column("a", numbers: [1, 2]), Column("b", numbers: [3, 4])])
        let poly = try Polynomial(degree: 3).fit(data, context: context).transform(data)
        // PolynomialFeatures(3, include_bias=False).get_feature_names_out(["a", "b"])
        #expect(poly.columnNames == ["a", "b", "a^2", "a*b", "b^2", "a^3", "a^2*b", "a*b^2", "b^3"])
        #expect(numbers(poly, "a^2*b") == [3, 16])
        let product = try Interaction("a", "b").fit(data, context: context).transform(data)
        #expect(numbers(product, "a*b") == [3, 8])
        let logged = try LogOnePlus(.names(["a"])).fit(data, context: context).transform(data)
        // log1p, to 1e-15: log(2), log(3)
        #expect(allClose(numbers(logged, "a"), [0.6931471805599453, 1.0986122886681098], 1e-15))
    }

    @Test func deriveUsesARowExpression() throws {
        let ratio = RowExpression.binary(.divide, .column("bill", id: 1), .number(2, id: 2), id: 3)
        let out = try Derivation("half", ratio).fit(penguins, context: context).transform(penguins)
        #expect(numbers(out, "half") == [0.5, 1, 1.5, 2, 2.5, 3, 3.5])
        #expect(throws: LearnError.self) {
            try Derivation("x", .column("nope", id: 1)).fit(penguins, context: context)
        }
    }

    @Test func selectorsPickColumnsByType() throws {
        let scaled = try Scale(.except(["bill"])).fit(penguins, context: context)
        #expect(scaled.summary.map(\.0) == ["mass"])
        let all = try Scale(.all).fit(penguins, context: context)
        #expect(all.summary.map(\.0) == ["mass", "bill"])
        let none = try OneHot(.categorical).fit(penguins, context: context)
        #expect(none.summary.map(\.0) == ["island"])
    }
}
