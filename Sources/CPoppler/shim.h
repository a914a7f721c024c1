#ifndef TWEETAL_CPOPPLER_SHIM_H
#define TWEETAL_CPOPPLER_SHIM_H

/* poppler-glib (Debian's libpoppler-glib-dev): PDF text with positions and fonts, for
   Documents' PDFReader only. */
#include <poppler.h>

/* g_object_unref with the object's own type (Swift sees the poppler types as opaque pointers). */
static inline void tweetal_poppler_document_free(PopplerDocument *document) { g_object_unref(document); }
static inline void tweetal_poppler_page_free(PopplerPage *page) { g_object_unref(page); }

/* The attributes of a GList element of poppler_page_get_text_attributes. */
static inline PopplerTextAttributes *tweetal_poppler_attributes(GList *element) {
  return (PopplerTextAttributes *)element->data;
}

#endif
