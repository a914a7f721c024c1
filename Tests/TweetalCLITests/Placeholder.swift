import Testing

@Test("the TweetalCLI test target builds") func TweetalCLITargetBuilds() { #expect(Bool(true)) }
