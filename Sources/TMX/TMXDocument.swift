/// A TMX 1.4b document: a header and the translation units of its body.
///
/// Plain values only; reading and writing go through ``TMXReader`` and ``TMXWriter``.
public struct TMXDocument: Sendable, Hashable {
  /// The `version` attribute of the root element as read (empty when absent); the writer
  /// always writes `1.4`.
  public var version: String
  public var header: Header
  public var units: [TranslationUnit]

  public init(version: String = "1.4", header: Header, units: [TranslationUnit] = []) {
    self.version = version
    self.header = header
    self.units = units
  }
}

/// The `<header>` element: required attributes, then optional ones, props and notes.
public struct Header: Sendable, Hashable {
  public var creationTool: String
  public var creationToolVersion: String
  /// `segtype`: `sentence`, `paragraph`, `phrase` or `block`.
  public var segmentType: String
  /// `o-tmf`: the original translation-memory format.
  public var originalFormat: String
  public var adminLanguage: String
  /// `srclang`: a BCP-47 tag, or `*all*`.
  public var sourceLanguage: String
  public var dataType: String
  /// Optional attributes by their TMX names (`creationdate`, `creationid`, `changedate`,
  /// `changeid`, `o-encoding`), kept so that another tool's file survives a read.
  public var attributes: [String: String]
  public var properties: [Property]
  public var notes: [Note]

  public init(
    creationTool: String, creationToolVersion: String, segmentType: String = "sentence",
    originalFormat: String, adminLanguage: String = "en", sourceLanguage: String,
    dataType: String = "plaintext", attributes: [String: String] = [:],
    properties: [Property] = [], notes: [Note] = []
  ) {
    self.creationTool = creationTool
    self.creationToolVersion = creationToolVersion
    self.segmentType = segmentType
    self.originalFormat = originalFormat
    self.adminLanguage = adminLanguage
    self.sourceLanguage = sourceLanguage
    self.dataType = dataType
    self.attributes = attributes
    self.properties = properties
    self.notes = notes
  }
}

/// A `<tu>`: one translation unit, with a variant per language.
public struct TranslationUnit: Sendable, Hashable {
  /// `tuid`, when present.
  public var id: String?
  /// Other attributes by their TMX names (`creationdate`, `changedate`, `changeid`, ...).
  public var attributes: [String: String]
  public var properties: [Property]
  public var notes: [Note]
  public var variants: [TranslationVariant]

  public init(
    id: String? = nil, attributes: [String: String] = [:], properties: [Property] = [],
    notes: [Note] = [], variants: [TranslationVariant] = []
  ) {
    self.id = id
    self.attributes = attributes
    self.properties = properties
    self.notes = notes
    self.variants = variants
  }
}

/// A `<tuv>`: the text of a unit in one language.
public struct TranslationVariant: Sendable, Hashable {
  /// `xml:lang` (or the deprecated `lang` of TMX 1.1) as written in the file.
  public var language: String
  public var attributes: [String: String]
  public var properties: [Property]
  public var notes: [Note]
  public var segment: Segment

  public init(
    language: String, attributes: [String: String] = [:], properties: [Property] = [],
    notes: [Note] = [], segment: Segment
  ) {
    self.language = language
    self.attributes = attributes
    self.properties = properties
    self.notes = notes
    self.segment = segment
  }
}

/// A `<seg>`: text with inline codes kept in order.
public struct Segment: Sendable, Hashable {
  public var content: [InlineContent]

  public init(content: [InlineContent]) { self.content = content }

  /// A segment holding only `text`.
  public init(text: String) { self.content = text.isEmpty ? [] : [.text(text)] }

  /// The translatable text: character data outside codes, plus the text of `hi` and `sub`.
  public var plainText: String {
    var result = ""
    for item in content { item.appendPlainText(to: &result) }
    return result
  }
}

/// One piece of a segment: character data, or an inline code element.
public indirect enum InlineContent: Sendable, Hashable {
  case text(String)
  case code(InlineCode)

  func appendPlainText(to result: inout String) {
    switch self {
    case .text(let text): result += text
    case .code(let code):
      guard code.kind == .highlight || code.kind == .subflow else { return }
      for item in code.content { item.appendPlainText(to: &result) }
    }
  }
}

/// An inline element of a segment (`bpt`, `ept`, `it`, `ph`, `hi`, `ut`, `sub`).
public struct InlineCode: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case beginPairedTag = "bpt"
    case endPairedTag = "ept"
    case isolatedTag = "it"
    case placeholder = "ph"
    case highlight = "hi"
    case unknownTag = "ut"
    case subflow = "sub"
  }

  public var kind: Kind
  public var attributes: [String: String]
  /// The code's content: native code text, and `sub` elements inside codes, or text inside `hi`.
  public var content: [InlineContent]

  public init(kind: Kind, attributes: [String: String] = [:], content: [InlineContent] = []) {
    self.kind = kind
    self.attributes = attributes
    self.content = content
  }
}

/// A `<prop type="...">`.
public struct Property: Sendable, Hashable {
  public var type: String
  public var language: String?
  public var value: String

  public init(type: String, value: String, language: String? = nil) {
    self.type = type
    self.value = value
    self.language = language
  }
}

/// A `<note>`.
public struct Note: Sendable, Hashable {
  public var text: String
  public var language: String?

  public init(text: String, language: String? = nil) {
    self.text = text
    self.language = language
  }
}
