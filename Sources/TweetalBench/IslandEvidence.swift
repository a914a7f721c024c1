import Aligner
import Foundation
import TweetalKit

/// What the anchored-islands rule's likelihood ratio reads (`TweetalBench partial --anchor-rates`):
/// on the complete Text+Berg dev alignment, the share of the gold links none of whose sentence
/// pairs shares an anchor (`q`), and of chance links — a gold link's German sentences with the
/// French ones of the gold link half the set away, another article — (`r`), alone and for runs of
/// `k` consecutive links, against `q^k` and `r^k` (what independent links would give).
enum IslandEvidence {
  static func report(_ dev: DevSet) {
    let links = dev.gold.filter { !$0.source.isEmpty && !$0.target.isEmpty }
    func shares(_ source: [Int], _ target: [Int]) -> Bool {
      source.contains { s in
        let anchors = Set(dev.source[s].anchors)
        return target.contains { t in dev.target[t].anchors.contains(where: anchors.contains) }
      }
    }
    let right = links.map { shares($0.source, $0.target) }
    let chance = links.indices.map { k in
      shares(links[k].source, links[(k + links.count / 2) % links.count].target)
    }
    func rate(_ anchored: [Bool], run: Int) -> Double {
      let starts = 0...(anchored.count - run)
      let none = starts.filter { start in !anchored[start..<start + run].contains(true) }.count
      return Double(none) / Double(starts.count)
    }
    let q = rate(right, run: 1)
    let r = rate(chance, run: 1)
    print("gold links: \(links.count)")
    for run in 1...4 {
      print(
        "runs of \(run) links sharing no anchor: right \(BenchReport.format(rate(right, run: run))) "
          + "(q^\(run) \(BenchReport.format(pow(q, Double(run))))), chance "
          + "\(BenchReport.format(rate(chance, run: run))) (r^\(run) \(BenchReport.format(pow(r, Double(run)))))"
      )
    }
  }
}
