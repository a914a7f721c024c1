import Testing

@Test("the Segmenter test target builds") func SegmenterTargetBuilds() { #expect(Bool(true)) }
