import Testing
@testable import JupyterKernel

@Test func jsonRoundTrip() throws {
    let text = #"{"a":[1,2.5,"x\n\u00e9",true,null],"b":{"c":-3}}"#
    let value = try JSON(parsing: text)
    #expect(value["a"]?.arrayValue?.count == 5)
    #expect(value["b"]?["c"]?.intValue == -3)
    #expect(try JSON(parsing: value.serialized()) == value)
}

@Test func jsonRejectsTrailingGarbage() {
    #expect(throws: JSONParseError.self) { try JSON(parsing: "{} x") }
}
