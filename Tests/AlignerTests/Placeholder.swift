import Testing

@Test("the Aligner test target builds") func AlignerTargetBuilds() { #expect(Bool(true)) }
