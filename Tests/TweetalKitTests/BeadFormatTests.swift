import Testing

@testable import TweetalKit

@Suite("The bead line format")
struct BeadFormatTests {
  @Test("one line per bead: 0-based indices, [] for an empty side, three decimals")
  func lines() {
    #expect(
      BeadFile.format(AlignmentStoreTests.sample) == """
        [0]:[0]:0.873
        [1]:[]:0.500
        [2, 3]:[1]:0.900
        []:[2]:0.250

        """)
  }

  @Test("parallelism levels: below 0.1 unrelated, below 0.6 loosely related, else parallel")
  func parallelismLevels() {
    #expect(ParallelismLevel(0) == .unrelated)
    #expect(ParallelismLevel(0.09) == .unrelated)
    #expect(ParallelismLevel(0.1) == .loose)
    #expect(ParallelismLevel(0.59) == .loose)
    #expect(ParallelismLevel(0.6) == .parallel)
    #expect(ParallelismLevel(1) == .parallel)
  }
}
