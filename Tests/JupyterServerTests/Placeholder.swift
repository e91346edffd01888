import Testing

@Test func placeholderJupyterServerTests() { #expect(Bool(true)) }
