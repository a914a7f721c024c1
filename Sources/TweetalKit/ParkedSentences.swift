import Aligner
internal import CInflate
import Segmenter

/// A document's sentences set aside in compact form while the aligner runs, which reads none of
/// them: their texts in one UTF-8 buffer a chunk of sentences, their other fields in a small record
/// each; with ``compressing``, both deflated (zlib, fastest level) chunk by chunk.
///
/// A `String` per sentence costs its header and the allocator's rounding on top of its bytes (about
/// 45 bytes a sentence), and a `Sentence` 32 bytes: at 1M sentences a side, 420 MB alive through the
/// aligner's peak. Parked, 250 MB of UTF-8 and 20 bytes a sentence; compressed, about a third of
/// that. The sentences come back equal, their texts byte for byte.
struct ParkedSentences: Sendable {
  /// Whether the chunks are deflated: worth its CPU only for large documents
  /// (``compressFrom``); else they are kept as they are.
  let compressing: Bool
  private var chunks: [Chunk] = []
  /// The sentences parked so far.
  private(set) var count = 0

  /// A side's texts of at least this many UTF-8 bytes are compressed (``compressing``): 1M
  /// sentences a side have 60–130 MB, 100 000 a tenth of that.
  static let compressFrom = 32 << 20
  /// Sentences parked at a time by ``Pipeline``: their texts go as their anchors are found.
  static let chunkSize = 16_384

  /// Chunks parked by a side between two returns of the freed texts' pages to the system
  /// (``returnFreedPages()``): 65 536 sentences, so that a side of 100 000 does it once.
  static let chunksBetweenReturns = 4

  /// Gives the pages of the parked sentences' freed texts back to the system
  /// (``Aligner/returnFreedPages()``). The texts were made by the threads that segmented the
  /// documents, and glibc puts freed space back in the heap of the thread that made it: probably, when the other side's
  /// worker or another thread parks them, the anchors found next come from another heap, and the
  /// freed texts stay resident beside them. At 1M sentences a side that was 0 or 190 MB at the end
  /// of preparing, from run to run (the top of the process in one run of five).
  static func returnFreedPages() { Aligner.returnFreedPages() }

  /// A chunk's texts, one after the other, and each sentence's fields.
  private struct Chunk: Sendable {
    var count: Int
    var texts: PackedBytes
    var fields: PackedBytes
  }

  /// What a sentence keeps besides its text, with where its text ends in its chunk's texts.
  private struct Fields {
    var textEnd: UInt32
    var block: Int32
    var spanStart: Int32
    var spanEnd: Int32
    var kind: UInt8
    var hasSpan: Bool
  }

  init(compressing: Bool) {
    self.compressing = compressing
  }

  /// Whether a side whose texts have `bytes` UTF-8 bytes in all is compressed.
  static func compresses(bytes: Int) -> Bool { bytes >= compressFrom }

  /// Moves `sentences[range]` here as the next chunk (the range follows the last one parked),
  /// leaving each sentence's text empty so that its storage goes.
  mutating func park(_ sentences: inout [Sentence], _ range: Range<Int>) {
    precondition(range.lowerBound == count, "sentences parked out of order")
    var texts: [UInt8] = []
    texts.reserveCapacity(sentences[range].reduce(0) { $0 + $1.text.utf8.count })
    var fields: [Fields] = []
    fields.reserveCapacity(range.count)
    for index in range {
      texts.append(contentsOf: sentences[index].text.utf8)
      let sentence = sentences[index]
      // A document is at most 2 GiB (`Pipeline`), a chunk's texts no more.
      fields.append(
        Fields(
          textEnd: UInt32(texts.count), block: Int32(sentence.block),
          spanStart: Int32(sentence.span?.lowerBound ?? 0), spanEnd: Int32(sentence.span?.upperBound ?? 0),
          kind: UInt8(Self.kinds.firstIndex(of: sentence.kind)!), hasSpan: sentence.span != nil))
      sentences[index].text = ""
    }
    let packedTexts = texts.withUnsafeBytes { PackedBytes($0, compressing: compressing) }
    let packedFields = fields.withUnsafeBytes { PackedBytes($0, compressing: compressing) }
    chunks.append(Chunk(count: range.count, texts: packedTexts, fields: packedFields))
    count += range.count
  }

  private static let kinds = UnitKind.allCases

  /// The sentences parked, in order, as they were.
  func restored() -> [Sentence] {
    var sentences: [Sentence] = []
    sentences.reserveCapacity(count)
    for chunk in chunks {
      let fields = [Fields](unsafeUninitializedCapacity: chunk.count) { buffer, initialized in
        chunk.fields.unpack(into: UnsafeMutableRawBufferPointer(buffer))
        initialized = chunk.count
      }
      chunk.texts.withUnpacked { texts in
        var start = 0
        for field in fields {
          let end = Int(field.textEnd)
          // The bytes of a `String`: valid UTF-8, so decoding repairs nothing.
          let text = String(decoding: UnsafeRawBufferPointer(rebasing: texts[start..<end]), as: UTF8.self)
          sentences.append(
            Sentence(
              text: text, kind: Self.kinds[Int(field.kind)], block: Int(field.block),
              span: field.hasSpan ? Int(field.spanStart)..<Int(field.spanEnd) : nil))
          start = end
        }
      }
    }
    return sentences
  }
}

/// Bytes kept as they are or deflated (zlib's `compress2`, fastest level), and given back as they were.
struct PackedBytes: Sendable {
  private let stored: [UInt8]
  /// The number of bytes packed.
  let count: Int
  /// Whether ``stored`` is deflated (it is not when that would not be smaller).
  let deflated: Bool

  init(_ bytes: UnsafeRawBufferPointer, compressing: Bool) {
    count = bytes.count
    if compressing, let source = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self) {
      let bound = Int(compressBound(uLong(bytes.count)))
      var length = uLongf(bound)
      var status = Z_OK
      let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
        status = compress2(buffer.baseAddress, &length, source, uLong(bytes.count), Z_BEST_SPEED)
        initialized = status == Z_OK ? Int(length) : 0
      }
      if status == Z_OK && output.count < bytes.count {
        // An array of the deflated size, not of the bound's capacity.
        stored = [UInt8](unsafeUninitializedCapacity: output.count) { buffer, initialized in
          initialized = buffer.initialize(fromContentsOf: output)
        }
        deflated = true
        return
      }
    }
    stored = Array(bytes)
    deflated = false
  }

  /// Writes the packed bytes into `destination`, which holds exactly ``count`` bytes.
  func unpack(into destination: UnsafeMutableRawBufferPointer) {
    precondition(destination.count == count, "unpacked into a buffer of another size")
    guard count > 0, let target = destination.baseAddress else { return }
    stored.withUnsafeBytes { source in
      if !deflated {
        target.copyMemory(from: source.baseAddress!, byteCount: count)
        return
      }
      var length = uLongf(count)
      let status = uncompress(
        target.assumingMemoryBound(to: Bytef.self), &length,
        source.baseAddress!.assumingMemoryBound(to: Bytef.self), uLong(source.count))
      // zlib's own output, held in memory: only a lack of memory makes it fail.
      precondition(status == Z_OK && Int(length) == count, "zlib could not inflate parked bytes (\(status))")
    }
  }

  /// Calls `body` with the bytes as they were packed.
  func withUnpacked<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    if !deflated { return stored.withUnsafeBytes(body) }
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      unpack(into: UnsafeMutableRawBufferPointer(buffer))
      initialized = count
    }
    return bytes.withUnsafeBytes(body)
  }
}
