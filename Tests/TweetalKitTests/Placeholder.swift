import Testing

@Test("the TweetalKit test target builds") func TweetalKitTargetBuilds() { #expect(Bool(true)) }
