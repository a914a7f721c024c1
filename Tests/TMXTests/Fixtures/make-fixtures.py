#!/usr/bin/env python3
"""Writes the TMX fixtures of TMXTests (run from this folder; the files are committed).

Each file exercises one thing other tools' TMX files do, in a few units written for the tests:
UTF-16LE with and without a byte-order mark, a DOCTYPE, TMX 1.1's `lang`, inline codes, a default
namespace, a windows-1252 declaration, an undeclared namespace prefix, OmegaT's many variants.
"""

HEADER = ('<header creationtool="{tool}" creationtoolversion="{version}" segtype="{segtype}" '
          'o-tmf="{tmf}" adminlang="en-us" srclang="{srclang}" datatype="plaintext"{extra}/>')


def header(tool="Tweetal fixtures", version="1", segtype="sentence", tmf="fixture", srclang="en-US",
           extra=""):
    return HEADER.format(tool=tool, version=version, segtype=segtype, tmf=tmf, srclang=srclang,
                         extra=extra)


def unit(*variants, attributes=""):
    tuvs = "".join(f'\n      <tuv xml:lang="{lang}"><seg>{seg}</seg></tuv>' for lang, seg in variants)
    return f"    <tu{attributes}>{tuvs}\n    </tu>\n"


def write(name, text, encoding="utf-8", bom=b""):
    with open(name, "wb") as file:
        file.write(bom + text.encode(encoding))


# UTF-16LE with a BOM, no encoding declaration, a DOCTYPE naming a DTD that is never fetched.
write("utf16le-bom-doctype.tmx",
      '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n  '
      + header(tool="Fixture Workbench", version="Edition 8") + "\n  <body>\n"
      + unit(("EN-US", "New Features"), ("DE-DE", "Neue Funktionen"))
      + unit(("EN-US", "Tabs [&#9;&#9;   ] and ÿ™’ are kept"), ("DE-DE", "Größe: 3 € — 你好"))
      + "  </body>\n</tmx>\n",
      encoding="utf-16-le", bom=b"\xff\xfe")

# UTF-16LE without a BOM, declared; no version attribute (as Heartsome writes it); a ph code.
write("utf16le-declared-noversion.tmx",
      '<?xml version="1.0" encoding="UTF-16"?>\n<tmx>\n  '
      + header(tool="Fixture Heartsome", segtype="block") + "\n  <body>\n"
      + unit(("en-US", "Hello world"), ("zh", "你好世界"))
      + unit(("en-US", 'Press <ph x="1">&lt;br/&gt;</ph> now'),
             ("zh", '&amp;lt;syntaxhighlight lang="java"&amp;gt;'))
      + "  </body>\n</tmx>\n",
      encoding="utf-16-le")

# UTF-8 with a DOCTYPE and a BOM: the reader neither fetches nor needs the DTD.
write("doctype.tmx",
      '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<!DOCTYPE tmx SYSTEM "http://www.lisa.org/tmx/tmx14.dtd">\n<tmx version="1.4">\n  '
      + header() + "\n  <body>\n"
      + unit(("en-US", "The DTD is named, not loaded."), ("nl-NL", "De DTD wordt genoemd, niet geladen."))
      + "  </body>\n</tmx>\n",
      bom=b"\xef\xbb\xbf")

# TMX 1.1: `lang` instead of `xml:lang`.
write("tmx11-lang.tmx",
      '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.1">\n  '
      + header(tool="Fixture MyMemory", srclang="EN-GB") + "\n  <body>\n"
      + "".join(
          f'    <tu>\n      <tuv lang="EN-GB"><seg>{en}</seg></tuv>\n'
          f'      <tuv lang="RU-RU" changeid="anonymous"><seg>{ru}</seg></tuv>\n    </tu>\n'
          for en, ru in [("Untitled", "Без названия"), ("Save as", "Сохранить как"),
                         ("Close", "Закрыть")])
      + "  </body>\n</tmx>\n")

# Inline codes: bpt/ept (nested pairs), it, ph with a sub, hi, ut; the last unit lists its
# variants target first.
write("inline-codes.tmx",
      '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  '
      + header(srclang="en-us") + "\n  <body>\n"
      + unit(("en-us", 'The <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>big <bpt i="2" x="2" type="italic">'
              '&lt;i&gt;</bpt>black<ept i="2">&lt;/i&gt;</ept><ept i="1">&lt;/b&gt;</ept> cat sleeps.'),
             ("fr-ca", 'Le <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>gros chat <bpt i="2" x="2" type="italic">'
              '&lt;i&gt;</bpt>noir<ept i="2">&lt;/i&gt;</ept><ept i="1">&lt;/b&gt;</ept> dort.'))
      + unit(("en-us", 'An <it pos="begin" x="3">&lt;u&gt;</it>open tag and an image '
              '<ph x="4">&lt;img alt="<sub>A cat</sub>"/&gt;</ph>.'),
             ("fr-ca", 'Une balise <it pos="begin" x="3">&lt;u&gt;</it>ouverte et une image '
              '<ph x="4">&lt;img alt="<sub>Un chat</sub>"/&gt;</ph>.'))
      + unit(("FR-CA", 'Du texte <hi type="emphasis">mis en valeur</hi> et <ut>{\\b}</ut>gras.'),
             ("en-us", 'Some text with a part <hi type="emphasis">highlighted</hi> and <ut>{\\b}</ut>bold.'))
      + "  </body>\n</tmx>\n")

# A default namespace on <tmx>, srclang *all*, several languages.
write("default-namespace.tmx",
      '<?xml version="1.0" encoding="UTF-8"?>\n<tmx xmlns="http://www.lisa.org/tmx14" version="1.4">\n  '
      + header(srclang="*all*") + "\n  <body>\n"
      + unit(("en", "Hello world!"), ("zh", "你好世界！"), ("es", "¡Hola mundo!"), ("de", "Hallo Welt!"))
      + "  </body>\n</tmx>\n")

# windows-1252, declared: accented letters, the euro sign and curly quotes (0x80, 0x92), escapes.
write("windows-1252.tmx",
      '<?xml version="1.0" encoding="windows-1252"?>\n<tmx version="1.4">\n  '
      + header(tool="Fixture Olifant", srclang="EN-US", extra=' changeid="YS"') + "\n  <body>\n"
      + unit(("EN-US", "Test characters: &amp;=amp, &lt;=lt, '=apos, \"=quot"),
             ("FR-FR", "Test charactères: &amp;=amp, &lt;=lt, '=apos, \"=quot"))
      + unit(("EN-US", "It’s 5 € a week"), ("FR-FR", "C’est 5 € par semaine, déjà payé"))
      + "  </body>\n</tmx>\n",
      encoding="cp1252")

# An element with a namespace prefix that is never declared: not namespace-well-formed.
write("undeclared-prefix.tmx",
      '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  '
      + header(tool="Fixture t5memory") + "\n  <body>\n"
      + "    <tu>\n      <tuv xml:lang=\"en-US\"><seg>Ours</seg></tuv>\n"
      + "      <tuv xml:lang=\"de-DE\"><seg>Unsere <t5:n id=\"1\" r=\"x\"/> Seite</seg></tuv>\n    </tu>\n"
      + "  </body>\n</tmx>\n")

# OmegaT: many variants per unit, two in the same language.
write("omegat-multi-variant.tmx",
      '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  '
      + header(tool="OmegaT", version="4.2.1_0_dev", tmf="OmegaT TMX", srclang="EN-US") + "\n  <body>\n"
      + unit(("EN-US", "Hello World!"), ("ES", "¡Hola Mundo!"), ("FR-CA", "Bonjour le monde!"),
             ("FR-CA", "Salut tout le monde!"), ("DE", "Hallo Welt!"), ("NL", "Hallo wereld!"),
             ("IT", "Ciao mondo!"), ("PT-BR", "Olá mundo!"))
      + unit(("EN-US", "Good morning."), ("ES", "Buenos días."), ("NL", "Goedemorgen."))
      + unit(("EN-US", "It is a sentence in English."), ("ES", "Es una oración en inglés."),
             ("NL", "Het is een zin in het Engels."))
      + "  </body>\n</tmx>\n")
