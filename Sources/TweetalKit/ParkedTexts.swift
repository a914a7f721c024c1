/// The texts of a document's sentences set aside in one UTF-8 buffer while the aligner runs, which
/// reads none of them.
///
/// A `String` per sentence costs its header and the allocator's rounding on top of its bytes (about
/// 45 bytes a sentence, 100 MB at 1M sentences a side) and was alive through the aligner's peak;
/// one buffer costs the bytes and a 4-byte end per sentence. The texts come back unchanged.
struct ParkedTexts {
  /// The sentences' UTF-8 bytes, one after the other.
  private let bytes: [UInt8]
  /// Where each sentence's bytes end in ``bytes`` (its start is the previous one's end).
  private let ends: [UInt32]

  /// Moves the texts of `sentences` here, leaving each sentence's text empty.
  init(taking sentences: inout [Sentence]) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(sentences.reduce(0) { $0 + $1.text.utf8.count })
    var ends: [UInt32] = []
    ends.reserveCapacity(sentences.count)
    for index in sentences.indices {
      bytes.append(contentsOf: sentences[index].text.utf8)
      // A document is at most 2 GiB (`Pipeline`), its sentences' texts no more.
      ends.append(UInt32(bytes.count))
      sentences[index].text = ""
    }
    self.bytes = bytes
    self.ends = ends
  }

  /// Gives each of `sentences` (those this was made from) its text back.
  func restore(into sentences: inout [Sentence]) {
    precondition(sentences.count == ends.count, "parked texts restored into other sentences")
    bytes.withUnsafeBufferPointer { bytes in
      var start = 0
      for index in sentences.indices {
        let end = Int(ends[index])
        // The bytes of a `String`: valid UTF-8, so decoding repairs nothing.
        sentences[index].text = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        start = end
      }
    }
  }
}
