import TestSupport
import Testing

@testable import Aligner

@Suite("Partly parallel documents: the two-state model")
struct TwoStateModelTests {
  @Test("EM from long unlinked runs makes runs cheap and long, links rarer")
  func estimateFromRuns() {
    // Ten 1-1 links, then twenty unlinked sentences on each side.
    let types = AlignerOptions.withThreeToOne.map(\.type)
    let oneToOne = types.firstIndex(of: .oneToOne)!
    let deletion = types.firstIndex(of: .deletion)!
    let insertion = types.firstIndex(of: .insertion)!
    var steps = (0..<10).map { Step(i0: $0, j0: $0, i1: $0 + 1, j1: $0 + 1, typeIndex: oneToOne, cost: 1) }
    steps += (10..<30).map { Step(i0: $0, j0: 10, i1: $0 + 1, j1: 10, typeIndex: deletion, cost: 1) }
    steps += (10..<30).map { Step(i0: 30, j0: $0, i1: 30, j1: $0 + 1, typeIndex: insertion, cost: 1) }
    let unlinked = [Double](repeating: 0, count: 10) + [Double](repeating: 1, count: 20)
    let model = TwoStateModel.estimate(
      steps: steps, types: types,
      sourceUnlinked: unlinked, targetUnlinked: unlinked)
    let translation = TwoStateModel(translation: AlignerOptions.withThreeToOne)
    #expect(model.sourceOpen > 5 * translation.sourceOpen)
    #expect(model.sourceContinue > 0.9)
    #expect(model.link < 0.9)
    // A confident translation keeps deletions rare.
    let sure = TwoStateModel.estimate(
      steps: Array(steps.prefix(10)), types: types,
      sourceUnlinked: [Double](repeating: 0, count: 10), targetUnlinked: [Double](repeating: 0, count: 10))
    #expect(sure.sourceOpen <= 0.01 && sure.link > 0.95)
  }

  @Test("the model's priors sum to 1 and price a run of k unlinked sentences affinely")
  func affinePriors() {
    let model = TwoStateModel(
      link: 0.6, sourceOpen: 0.2, targetOpen: 0.2, sourceContinue: 0.8, targetContinue: 0.5)
    let priors = model.priors(shape: AlignerOptions.withThreeToOne)
    #expect(abs(priors.map(\.probability).reduce(0, +) - 1) < 1e-9)
    func prior(_ a: Int, _ b: Int) -> Double {
      priors.first { $0.type == BeadType(source: a, target: b) }?.probability ?? 0
    }
    // Each further sentence of a run costs −log q: the ratio of neighbouring run lengths is q.
    #expect(abs(prior(3, 0) / prior(2, 0) - 0.8) < 1e-9)
    #expect(abs(prior(0, 4) / prior(0, 3) - 0.5) < 1e-9)
    #expect(prior(TwoStateModel.longestRun + 1, 0) == 0)
  }

  @Test("unlinked runs come out as one bead per sentence, with its probability of being unlinked")
  func runsSplit() {
    let steps = [
      Step(i0: 0, j0: 0, i1: 1, j1: 1, typeIndex: 0, cost: 1),
      Step(i0: 1, j0: 1, i1: 4, j1: 1, typeIndex: 1, cost: 3),
    ]
    let beads = Aligner.twoStateBeads(
      steps, confidences: [0.9, 0.5], sourceUnlinked: [0, 0.7, 0.8, 0.95], targetUnlinked: [0])
    #expect(beads.map(\.type) == [.oneToOne, .deletion, .deletion, .deletion])
    #expect(beads.map(\.confidence) == [0.9, 0.7, 0.8, 0.95])
    #expect(beads[3].source == 3..<4 && beads[3].target == 1..<1)
  }

  @Test("posterior decoding keeps a link only where its sentences are linked with probability ≥ threshold")
  func linkedSteps() {
    let steps = [
      Step(i0: 0, j0: 0, i1: 1, j1: 1, typeIndex: 0, cost: 1),  // linked 0.9 and 0.8: kept
      Step(i0: 1, j0: 1, i1: 3, j1: 2, typeIndex: 2, cost: 1),  // 0.4, 0.5, 0.4: mean 0.43, split
      Step(i0: 3, j0: 2, i1: 4, j1: 2, typeIndex: 1, cost: 1),  // a run: never a link
    ]
    let sourceUnlinked = [0.1, 0.6, 0.5, 0.9]
    let targetUnlinked = [0.2, 0.6]
    let kept = Aligner.linkedSteps(
      steps, sourceUnlinked: sourceUnlinked, targetUnlinked: targetUnlinked, atLeast: 0.5)
    #expect(kept == [true, false, false])
    #expect(
      Aligner.linkedSteps(steps, sourceUnlinked: sourceUnlinked, targetUnlinked: targetUnlinked, atLeast: 0.4)
        == [true, true, false])
    // A link not kept comes out as one unlinked bead per sentence, with its unlinked probability.
    let beads = Aligner.twoStateBeads(
      steps, confidences: [0.9, 0.3, 0.9], sourceUnlinked: sourceUnlinked, targetUnlinked: targetUnlinked,
      kept: kept)
    #expect(beads.map(\.type) == [.oneToOne, .deletion, .deletion, .insertion, .deletion])
    #expect(beads.map(\.confidence) == [0.9, 0.6, 0.5, 0.6, 0.9])
  }

  @Test("the IMRF letter against the review: posterior decoding only removes links of the path")
  func corpusLetterDecoding() throws {
    let (source, target) = try Fixtures.letterAgainstReview()
    var options = AlignerOptions()
    options.twoStateModel = true
    var everyLink = options
    everyLink.linkedAtLeast = 0
    let decoded = Aligner(options: options).align(source: source, target: target)
    let path = Aligner(options: everyLink).align(source: source, target: target)
    let pathLinks = Set(path.links.map { [$0.source, $0.target] })
    #expect(decoded.links.count < path.links.count)
    #expect(decoded.links.allSatisfy { pathLinks.contains([$0.source, $0.target]) })
    // The share in links falls; the scores are not ordered, since each is corrected for the chance
    // level of its own decoding (keeping every link raises the level too).
    #expect(
      Aligner.weightedCoverage(of: decoded.beads, source: source, target: target)
        <= Aligner.weightedCoverage(of: path.beads, source: source, target: target))
    #expect(decoded.beads.map(\.source.count).reduce(0, +) == source.count)
    #expect(decoded.beads.map(\.target.count).reduce(0, +) == target.count)
  }

  @Test(
    "Text+Berg chunks: decoding keeps the links of a translation, drops those against another chunk's",
    .enabled(if: TextBerg.isPresent, Shared.reason(Shared.textBerg)))
  func textBergDecoding() throws {
    let chunks = Array(try TextBergTests.chunks().prefix(6))
    #expect(chunks.count == 6)
    var options = AlignerOptions()
    options.twoStateModel = true
    var everyLink = options
    everyLink.linkedAtLeast = 0
    var own = (decoded: 0, path: 0)
    var other = (decoded: 0, path: 0)
    for (index, chunk) in chunks.enumerated() {
      let foreign = chunks[(index + 3) % chunks.count].target
      own.decoded += Aligner(options: options).align(source: chunk.source, target: chunk.target).links.count
      own.path += Aligner(options: everyLink).align(source: chunk.source, target: chunk.target).links.count
      other.decoded += Aligner(options: options).align(source: chunk.source, target: foreign).links.count
      other.path += Aligner(options: everyLink).align(source: chunk.source, target: foreign).links.count
    }
    // On a translation every sentence is almost surely linked to something: nothing to drop.
    #expect(Double(own.decoded) >= 0.95 * Double(own.path))  // measured: 285 of 293
    // Against another chunk's translation the links on the path are chance: most go.
    #expect(other.decoded * 2 <= other.path)
  }

  @Test("the IMRF letter against the review: fewer links in the two-state model than forced, not parallel")
  func corpusLetterKeepsFewLinks() throws {
    let (source, target) = try Fixtures.letterAgainstReview()
    var forcedOptions = AlignerOptions()
    forcedOptions.partialPass = false
    var options = AlignerOptions()
    options.twoStateModel = true
    let forced = Aligner(options: forcedOptions).align(source: source, target: target)
    let second = Aligner(options: options).align(source: source, target: target)
    // Without a lexicon the model still keeps 48 of the 79 forced links (docs/aligner.md): fewer,
    // but not the handful the partial pass keeps.
    #expect(second.links.count < forced.links.count)
    #expect(second.parallelism < 0.6)
    // Every sentence is still in exactly one bead, in order.
    #expect(second.beads.map(\.source.count).reduce(0, +) == source.count)
    #expect(second.beads.map(\.target.count).reduce(0, +) == target.count)
  }
}
