import Testing

@Test("the TMX test target builds") func TMXTargetBuilds() { #expect(Bool(true)) }
