/// Writes pairs as a corpus manifest (`corpus/pairs.tsv` form) that `tweetal align --corpus` reads.
///
/// Each line: Dutch path, English path, output name, input format (`auto`), score, evidence;
/// tab-separated. The manifest reader ignores the fields after the fourth, so the file can be
/// aligned as it is. Lines are in Dutch path order; output names are unique.
public enum PairManifest {
  /// The header comment line.
  public static let header = "# Dutch path\tEnglish path\toutput name\tformat\tscore\tevidence"

  /// The manifest text for `pairs`; `path` rewrites each document path as it should appear.
  public static func text(for pairs: [DocumentPair], path: (String) -> String = { $0 }) -> String {
    var lines = [header]
    var used: Set<String> = []
    for pair in pairs {
      let name = outputName(source: pair.source, target: pair.target, used: &used)
      lines.append(
        [
          path(pair.source), path(pair.target), name, "auto", PairingEvidence.format(pair.score),
          pair.evidence.description,
        ].joined(separator: "\t"))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A unique output name: the Dutch file's stem, or with `--many` also the English stem, made of
  /// letters, digits, `-`, `_` and `.` only.
  static func outputName(source: String, target: String, used: inout Set<String>) -> String {
    var name = stem(source)
    if used.contains(name) { name += "_" + stem(target) }
    var unique = name
    var counter = 2
    while used.contains(unique) {
      unique = "\(name)-\(counter)"
      counter += 1
    }
    used.insert(unique)
    return unique
  }

  private static func stem(_ path: String) -> String {
    var base = Substring(path.split(separator: "/").last ?? Substring(path))
    if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = base[..<dot] }
    var cleaned = String(base.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    while cleaned.hasPrefix(".") { cleaned.removeFirst() }
    return cleaned.isEmpty ? "pair" : cleaned
  }
}
