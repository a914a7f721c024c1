/// The web app's files, compiled into the binary.
public enum Assets {
  public static var css: String { String(decoding: PackageResources.review_css, as: UTF8.self) }
  public static var javascript: String { String(decoding: PackageResources.review_js, as: UTF8.self) }
}
