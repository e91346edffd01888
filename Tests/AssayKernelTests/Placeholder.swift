import Testing

@Test func placeholderAssayKernelTests() { #expect(Bool(true)) }
