public import Segmenter
import TMX

/// One document pair of a corpus: what to align and where the result goes.
public struct CorpusPair: Sendable, Hashable {
  /// The Dutch (source) document's path as written in the manifest, relative to ``CorpusManifest/root``.
  public var source: String
  /// The English (target) document's path as written in the manifest.
  public var target: String
  /// The output name: the TMX is written as `<name>.tmx`.
  public var name: String
  /// 1-based line of the manifest that lists the pair.
  public var line: Int
  /// How each document is read (an optional fourth field: `markdown`, or `pdf-text,text` for
  /// the source and the target); ``InputFormat/auto`` when not given.
  public var sourceFormat: InputFormat
  public var targetFormat: InputFormat

  public init(
    source: String, target: String, name: String, line: Int, sourceFormat: InputFormat = .auto,
    targetFormat: InputFormat = .auto
  ) {
    self.source = source
    self.target = target
    self.name = name
    self.line = line
    self.sourceFormat = sourceFormat
    self.targetFormat = targetFormat
  }
}

/// A corpus manifest (`corpus/pairs.tsv`): one pair per line, tab-separated Dutch path, English
/// path, output name and optionally the input format(s) and notes (ignored: `tweetal pair` writes
/// a score and its evidence there); `#` starts a comment line; blank lines are skipped.
///
/// Paths are relative to the root of the repository, which is the parent of the folder that holds
/// the manifest (`corpus/pairs.tsv` → `.`).
public struct CorpusManifest: Sendable, Hashable {
  /// The folder the paths are relative to.
  public var root: String
  public var pairs: [CorpusPair]

  public init(root: String, pairs: [CorpusPair]) {
    self.root = root
    self.pairs = pairs
  }

  /// The root for a manifest at `path`: the parent of its folder.
  public static func root(forManifestAt path: String) -> String {
    let folder = parent(of: path)
    return parent(of: folder)
  }

  /// Parses a manifest's text; `file` names it in errors, `root` is where its paths start.
  public static func parse(_ text: String, file: String, root: String) throws(CorpusError) -> CorpusManifest {
    var pairs: [CorpusPair] = []
    var names: [String: Int] = [:]
    // A byte-order mark (a manifest saved by a Windows editor or a spreadsheet) is not part of the
    // first path.
    let text = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
    for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
      let line = index + 1
      let content = String(rawLine)
      if content.allSatisfy(\.isWhitespace) || content.drop(while: \.isWhitespace).hasPrefix("#") { continue }
      let fields = content.split(separator: "\t", omittingEmptySubsequences: false).map {
        String($0).trimmingWhitespace
      }
      // Fields after the fourth (the score and evidence `tweetal pair` writes) are notes, ignored.
      guard fields.count >= 3 else {
        throw CorpusError(
          file: file, line: line,
          message:
            "has \(fields.count) tab-separated fields; expected 3 (Dutch path, English path, output name) "
            + "and optionally a fourth (input format) and notes")
      }
      var formats = (InputFormat.auto, InputFormat.auto)
      if fields.count >= 4 {
        let names = fields[3].split(separator: ",").map { String($0).trimmingWhitespace }
        let parsed = names.compactMap(InputFormat.init(rawValue:))
        guard parsed.count == names.count, parsed.count == 1 || parsed.count == 2 else {
          throw CorpusError(
            file: file, line: line,
            message:
              "input format \"\(fields[3])\" is not one of \(InputFormat.names) (or two of them, "
              + "source,target)")
        }
        formats = (parsed[0], parsed.count == 2 ? parsed[1] : parsed[0])
      }
      guard fields.prefix(4).allSatisfy({ !$0.isEmpty }) else {
        throw CorpusError(
          file: file, line: line,
          message: "has an empty field; give a Dutch path, an English path and an output name")
      }
      let name = fields[2]
      guard name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }), !name.hasPrefix(".") else {
        throw CorpusError(
          file: file, line: line,
          message:
            "output name \"\(name)\" may only hold letters, digits, '-', '_' and '.', and not start with '.'")
      }
      if let earlier = names[name] {
        throw CorpusError(
          file: file, line: line, message: "repeats the output name \"\(name)\" of line \(earlier)")
      }
      names[name] = line
      pairs.append(
        CorpusPair(
          source: fields[0], target: fields[1], name: name, line: line, sourceFormat: formats.0,
          targetFormat: formats.1))
    }
    return CorpusManifest(root: root, pairs: pairs)
  }

  /// `relative` resolved against ``root`` (absolute paths stay as they are).
  public func path(of relative: String) -> String {
    if relative.hasPrefix("/") || root == "." || root.isEmpty { return relative }
    return root.hasSuffix("/") ? root + relative : root + "/" + relative
  }

  /// The folder that holds a manifest at `path`.
  public static func folder(ofManifestAt path: String) -> String { parent(of: path) }

  /// A relative path of this manifest that names two different files: the one found from
  /// ``root`` (the one used) and one at the same relative path beside the manifest (in `folder`).
  /// A manifest written beside its documents would silently read a same-named file one folder up.
  public struct AmbiguousPath: Sendable, Hashable {
    public var written: String
    public var used: String
    public var beside: String
  }

  /// The ambiguous paths of this manifest (``AmbiguousPath``), in manifest order, each once.
  public func ambiguousPaths(manifestFolder folder: String) -> [AmbiguousPath] {
    guard folder != root else { return [] }
    var seen: Set<String> = []
    var found: [AmbiguousPath] = []
    for written in pairs.flatMap({ [$0.source, $0.target] })
    where !written.hasPrefix("/") && seen.insert(written).inserted {
      let used = path(of: written)
      let beside = CorpusManifest(root: folder, pairs: []).path(of: written)
      guard let usedFile = FileIdentity(path: used), let besideFile = FileIdentity(path: beside),
        usedFile != besideFile
      else { continue }
      found.append(AmbiguousPath(written: written, used: used, beside: beside))
    }
    return found
  }

  private static func parent(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else {
      return trimmed == "." ? ".." : (trimmed == ".." ? "../.." : ".")
    }
    if slash == trimmed.startIndex { return "/" }
    let parentPath = String(trimmed[..<slash])
    let last = trimmed[trimmed.index(after: slash)...]
    if last == "." { return parent(of: parentPath) }
    if last == ".." { return parentPath + "/../.." }
    return parentPath
  }
}

/// A corpus manifest line that cannot be used.
public struct CorpusError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  /// 1-based line number, when the problem is on one line.
  public var line: Int?
  public var message: String

  public init(file: String, line: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String {
    if let line { return "\(file):\(line): \(message)" }
    return "\(file): \(message)"
  }
}

extension String {
  var trimmingWhitespace: String {
    guard let first = firstIndex(where: { !$0.isWhitespace }),
      let last = lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(self[first...last])
  }
}
