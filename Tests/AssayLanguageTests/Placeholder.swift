import Testing

@Test func placeholderAssayLanguageTests() { #expect(Bool(true)) }
