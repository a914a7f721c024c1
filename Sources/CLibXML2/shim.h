#ifndef TWEETAL_CLIBXML2_SHIM_H
#define TWEETAL_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; Foundation bundles its own ICU, and a module
   that sees both fails with "'UErrorCode' has different definitions". */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>
#include <libxml/encoding.h>
#include <libxml/xmlIO.h>

/* xmlFree is a global function pointer, which Swift 6 rejects as shared
   mutable state; call it through a function. */
static inline void tweetal_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
