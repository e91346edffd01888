import AssayFrame
import AssayLearn
import Testing

@Suite struct FeatureMatrixTests {
    @Test func numbersAndBoolsBecomeColumnMajorFeatures() throws {
        let data = try Dataset(columns: [Column("a", numbers: [1, 2, 3]), Column("b", bools: [true, nil, false])])
        let x = try FeatureMatrix(data)
        #expect(x.names == ["a", "b"])
        #expect(x[2, 0] == 3)
        #expect(x[0, 1] == 1)
        #expect(x[1, 1].isNaN)
        #expect(Array(x.take([2, 0]).column(0)) == [3, 1])
    }

    @Test func stringsMustBeEncodedFirst() throws {
        let data = try Dataset(columns: [Column("island", strings: ["Dream"])])
        #expect(throws: LearnError("column `island` holds strings, and models need numbers", help: "encode it first: `onehot(island)` or `index(island)`")) {
            try FeatureMatrix(data)
        }
    }
}
