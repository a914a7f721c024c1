#ifndef TWEETAL_CCMARKGFM_SHIM_H
#define TWEETAL_CCMARKGFM_SHIM_H

/* cmark-gfm (Debian libcmark-gfm-dev, libcmark-gfm-extensions-dev): the CommonMark parser with
   GitHub's extensions (tables, footnotes, strikethrough, autolinks). Only
   Sources/Segmenter/MarkdownReader.swift imports this module. */
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

#endif
