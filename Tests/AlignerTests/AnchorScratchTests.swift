import Aligner
import Testing

@Test func scratch() {
  let nl = AnchorExtractor(language: "nl")
  let en = AnchorExtractor(language: "en")
  for s in ["Met deze brief informeer ik uw Kamer over het International Migration Review Forum (IMRF) dat van 17 t/m 20 mei 2022 zal plaatsvinden in New York.",
            "Datum 29 april 2022", "Kenmerk 3963666", "van 2015–2016, toen 1.000 mensen (25 %) op 17.05.2022 https://refugeesmigrants.un.org/sites/default/files/. Mail info@minbuza.nl!",
            "a) De juridische aard van het GCM: is het bindend?"] {
    print(nl.keys(for: s).map(\.description))
  }
  for s in ["The IMRF takes place on 17-20 May 2022 in New York, and on May 17, 2022 we talk about 1,000 migrants; 25% of policies.", "Our reference\t3963666", "14 April 2022", "Chairing the Khartoum Process with UNODC, see <https://www.government.nl/documents/>."] {
    print(en.keys(for: s).map(\.description))
  }
}
