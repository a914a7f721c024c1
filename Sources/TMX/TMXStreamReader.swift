#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a streaming read learns besides the units: the root's version and the header, as
/// ``TMXReader/read(path:)`` would give them, and how many units were handed over.
public struct TMXStreamSummary: Sendable, Hashable {
  public var version: String
  public var header: Header
  public var unitCount: Int
}

/// What a streaming read offers a caller that reads some of a unit's props itself: each `<prop>`
/// of a unit (not of a variant), as its end tag is parsed, with its value's UTF-8 bytes as the
/// tree reader would give them, before a string is made of them.
public struct TMXPropertyFilter {
  /// The prop's type (`""` without one), value and `xml:lang`, and the unit's props so far;
  /// `true` when the caller has taken the prop: it is then not among the unit's props. The caller
  /// may append props it held back (in their order) before answering.
  public var take:
    (_ type: String, _ value: UnsafeBufferPointer<UInt8>, _ language: String?, _ properties: inout [Property])
      -> Bool
  /// Called when the parse failed and the file is read again with the tree reader: what `take`
  /// took since the last unit handed over belongs to a unit that is handed over again whole
  /// (every unit from the reread has all its props; `take` is not called for them).
  public var abandon: () -> Void

  public init(
    take: @escaping (String, UnsafeBufferPointer<UInt8>, String?, inout [Property]) -> Bool,
    abandon: @escaping () -> Void
  ) {
    self.take = take
    self.abandon = abandon
  }
}

/// Reads a TMX file one translation unit at a time, for commands that only walk the units
/// (`stats`, `export`): the file is read in chunks of 256 KiB and every unit is handed over and
/// freed as soon as its `</tu>` is parsed, so memory does not grow with the file.
///
/// It is the same parser as ``TMXReader`` (libxml2's, fed chunk by chunk through a push parser
/// instead of from one buffer), with the same safety settings, hooks and checks, so a file gives
/// the same units as the tree reader. libxml2's push parser words some errors of broken files
/// differently (`Extra content at the end of the document` for a cut file) and places a few a
/// column apart, so a file that fails is read again with ``TMXReader``, whose error is thrown:
/// a hostile or broken file gives exactly the tree reader's error (kind, message, line, column). libxml2's `xmlTextReader` was not used: it keeps its parser context private,
/// so the hooks that refuse entity declarations and references, XInclude and a root other than
/// `<tmx>` with today's messages and positions could not be installed on it.
///
/// The units come before the checks that need the whole file: a file that is broken after its
/// tenth unit has handed over nine units when the error is thrown. A caller that must not act on
/// a broken file keeps what it derives until the read returns. The sinks run while the
/// process-wide parse lock is held: they must not read TMX themselves.
public enum TMXStreamReader {
  /// Streams the file at `path`: `header` is called once when `<header>` has ended (not at all
  /// when the header is wrong: the error comes at the end), then `unit` for every `<tu>` in order.
  /// With `properties`, a unit's props are first offered to it (see ``TMXPropertyFilter``).
  @discardableResult
  public static func read(
    path: String, header: (Header) -> Void = { _ in }, properties: TMXPropertyFilter? = nil,
    unit: (TranslationUnit) -> Void
  ) throws(TMXError) -> TMXStreamSummary {
    let (descriptor, size) = try SafeFile.openForReading(path: path)
    defer { close(descriptor) }
    return try withoutActuallyEscaping(unit) { unit throws(TMXError) in
      try stream(
        name: path, size: size, header: header, properties: properties, sink: .units(unit),
        readChunk: { buffer throws(TMXError) in try SafeFile.readSome(descriptor, into: buffer, name: path) },
        reread: { () throws(TMXError) in try TMXReader.read(path: path) })
    }
  }

  /// Streams a file held in memory (tests, the fuzz target), handed to the parser in pieces of
  /// at most `chunkSize` bytes as if read from a file.
  @discardableResult
  public static func read(
    bytes: [UInt8], name: String, chunkSize: Int = 1 << 18, header: (Header) -> Void = { _ in },
    properties: TMXPropertyFilter? = nil, unit: (TranslationUnit) -> Void
  ) throws(TMXError) -> TMXStreamSummary {
    try withoutActuallyEscaping(unit) { unit throws(TMXError) in
      try stream(
        name: name, size: bytes.count, header: header, properties: properties, sink: .units(unit),
        readChunk: chunkReader(bytes, chunkSize: chunkSize),
        reread: { () throws(TMXError) in try TMXReader.read(bytes: bytes, name: name) })
    }
  }

  /// Streams the file at `path` like ``read(path:header:unit:)``, but hands over only the
  /// languages of each unit's variants, in order (what `tweetal stats` counts): the content of
  /// `<body>` is checked without building a tree for it or any `TranslationUnit` (see
  /// `OutlineWalk`). Accepts and refuses exactly what ``read(path:header:unit:)`` does, with the
  /// same errors: a file the walk does not accept is read again with the tree reader.
  @discardableResult
  public static func outline(
    path: String, header: (Header) -> Void = { _ in }, unit: ([String]) -> Void
  ) throws(TMXError) -> TMXStreamSummary {
    let (descriptor, size) = try SafeFile.openForReading(path: path)
    defer { close(descriptor) }
    return try withoutActuallyEscaping(unit) { unit throws(TMXError) in
      try stream(
        name: path, size: size, header: header, sink: .outline(unit),
        readChunk: { buffer throws(TMXError) in try SafeFile.readSome(descriptor, into: buffer, name: path) },
        reread: { () throws(TMXError) in try TMXReader.read(path: path) })
    }
  }

  /// ``outline(path:header:unit:)`` of a file held in memory (tests, the fuzz target), in pieces
  /// of at most `chunkSize` bytes.
  @discardableResult
  public static func outline(
    bytes: [UInt8], name: String, chunkSize: Int = 1 << 18, header: (Header) -> Void = { _ in },
    unit: ([String]) -> Void
  ) throws(TMXError) -> TMXStreamSummary {
    try withoutActuallyEscaping(unit) { unit throws(TMXError) in
      try stream(
        name: name, size: bytes.count, header: header, sink: .outline(unit),
        readChunk: chunkReader(bytes, chunkSize: chunkSize),
        reread: { () throws(TMXError) in try TMXReader.read(bytes: bytes, name: name) })
    }
  }

  private static func chunkReader(
    _ bytes: [UInt8], chunkSize: Int
  ) -> (UnsafeMutableRawBufferPointer) -> Int {
    var offset = 0
    return { buffer in
      let count = min(buffer.count, bytes.count - offset, max(1, chunkSize))
      bytes.withUnsafeBytes { source in
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
      }
      offset += count
      return count
    }
  }

  /// Where the units of a read go: whole, or as the languages of their variants.
  private enum Sink {
    case units((TranslationUnit) -> Void)
    case outline(([String]) -> Void)

    func callAsFunction(_ unit: TranslationUnit) {
      switch self {
      case .units(let sink): sink(unit)
      case .outline(let sink): sink(unit.variants.map(\.language))
      }
    }
  }

  private static func stream(
    name: String, size: Int?, header: (Header) -> Void, properties: TMXPropertyFilter? = nil, sink: Sink,
    readChunk: (UnsafeMutableRawBufferPointer) throws(TMXError) -> Int,
    reread: () throws(TMXError) -> TMXDocument
  ) throws(TMXError) -> TMXStreamSummary {
    var count = 0
    return try withoutActuallyEscaping(header) { header throws(TMXError) in
      var headerHandedOver = false
      let handOverHeader: (Header) -> Void = { item in
        headerHandedOver = true
        header(item)
      }
      let handOver: (TranslationUnit) -> Void = { item in
        count += 1
        sink(item)
      }
      let document: TMXDocument
      do throws(TMXError) {
        document = try SafeParser.stream(
          name: name, size: size,
          configure: { state in
            state.headerSink = handOverHeader
            state.propertyFilter = properties
            switch sink {
            case .units: state.unitSink = handOver
            case .outline(let languages):
              state.outlineSink = { item in
                count += 1
                languages(item)
              }
            }
          }, readChunk: readChunk, build: TreeReader.document)
      } catch {
        // libxml2's push parser words some errors differently and places a few a column
        // apart, and an outline read gives up on what it does not accept: a file that fails is
        // read again whole, so that its error (or its units) are the tree reader's. Units it
        // reads beyond those handed over are handed over too.
        properties?.abandon()
        let whole = try reread()
        if !headerHandedOver { header(whole.header) }
        for item in whole.units.dropFirst(count) { handOver(item) }
        return TMXStreamSummary(version: whole.version, header: whole.header, unitCount: count)
      }
      // Units the parse could not hand over (none in a well-formed TMX) come last, in order, as
      // the tree reader puts them.
      for item in document.units { handOver(item) }
      return TMXStreamSummary(version: document.version, header: document.header, unitCount: count)
    }
  }
}
