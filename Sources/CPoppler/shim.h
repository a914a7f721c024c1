#ifndef TWEETAL_CPOPPLER_SHIM_H
#define TWEETAL_CPOPPLER_SHIM_H

/* poppler-glib (Debian's libpoppler-glib8): PDF text with positions and fonts, for Documents'
   PDFReader only.

   The library is not linked. poppler-glib pulls in cairo, X11, NSS, freetype, glib and about
   sixty more shared libraries, whose loading was a third of the start-up of every tweetal
   process, though only PDF input needs them. tweetal_poppler_open loads it with dlopen on the
   first PDF and fills a table with the few functions the reader calls.

   Nor are its headers included: pkg-config's flags for them would also link the library (SwiftPM
   takes both from one pkg-config entry), and poppler.h needs glib's include paths, which a module
   map cannot give. So the handful of types and functions used are declared here, as the C ABI of
   the library's soname libpoppler-glib.so.8 (poppler-glib.h, poppler-page.h, glib's gerror.h,
   glist.h, gbytes.h): that ABI is fixed for the soname, which is the one opened. The PDF tests
   read the fonts, sizes and positions through these declarations, so a mismatch would fail them. */
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>

/* glib */
typedef struct TweetalGBytes TweetalGBytes; /* GBytes, opaque */
typedef struct {
  uint32_t domain; /* GQuark */
  int code;
  char *message;
} TweetalGError;
typedef struct TweetalGList {
  void *data;
  struct TweetalGList *next;
  struct TweetalGList *prev;
} TweetalGList;

/* poppler-glib */
typedef struct TweetalPopplerDocument TweetalPopplerDocument; /* PopplerDocument, a GObject */
typedef struct TweetalPopplerPage TweetalPopplerPage;         /* PopplerPage, a GObject */
typedef struct {
  double x1, y1, x2, y2;
} TweetalPopplerRectangle;
typedef struct {
  char *font_name;
  double font_size;
  int is_underlined; /* gboolean */
  struct {
    uint16_t red, green, blue;
  } color;
  int start_index;
  int end_index;
} TweetalPopplerTextAttributes;
/* PopplerError: POPPLER_ERROR_INVALID is 0, POPPLER_ERROR_ENCRYPTED 1. */
enum { TWEETAL_POPPLER_ERROR_ENCRYPTED = 1 };

/* The functions the PDF reader calls. */
typedef struct {
  TweetalGBytes *_Nonnull (*_Nonnull bytes_new)(const void *_Nullable data, size_t size);
  void (*_Nonnull bytes_unref)(TweetalGBytes *_Nonnull bytes);
  void (*_Nonnull error_free)(TweetalGError *_Nonnull error);
  void (*_Nonnull free)(void *_Nullable memory);
  void (*_Nonnull object_unref)(void *_Nonnull object);
  uint32_t (*_Nonnull error_quark)(void);
  TweetalPopplerDocument *_Nullable (*_Nonnull document_new_from_bytes)(
      TweetalGBytes *_Nonnull bytes, const char *_Nullable password,
      TweetalGError *_Nullable *_Nullable error);
  int (*_Nonnull document_get_n_pages)(TweetalPopplerDocument *_Nonnull document);
  TweetalPopplerPage *_Nullable (*_Nonnull document_get_page)(TweetalPopplerDocument *_Nonnull document,
                                                              int index);
  void (*_Nonnull page_get_size)(TweetalPopplerPage *_Nonnull page, double *_Nullable width,
                                 double *_Nullable height);
  char *_Nullable (*_Nonnull page_get_text)(TweetalPopplerPage *_Nonnull page);
  int (*_Nonnull page_get_text_layout)(TweetalPopplerPage *_Nonnull page,
                                       TweetalPopplerRectangle *_Nullable *_Nullable rectangles,
                                       unsigned int *_Nullable count);
  TweetalGList *_Nullable (*_Nonnull page_get_text_attributes)(TweetalPopplerPage *_Nonnull page);
  void (*_Nonnull page_free_text_attributes)(TweetalGList *_Nullable list);
} TweetalPoppler;

/* Opens poppler-glib and fills `table`. Returns NULL on success, else a message saying what was
   missing (dlerror's text, owned by the C library: copy it before the next dl call). Not
   thread-safe: the caller opens once, under its own lock. */
static inline const char *_Nullable tweetal_poppler_open(TweetalPoppler *_Nonnull table) {
  void *handle = dlopen("libpoppler-glib.so.8", RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    const char *reason = dlerror();
    return reason != NULL ? reason : "libpoppler-glib.so.8 cannot be opened";
  }
  /* dlsym on the handle also searches poppler-glib's own dependencies (glib, gobject). */
#define TWEETAL_SYMBOL(field, name)                                                            \
  if ((*(void **)&table->field = dlsym(handle, name)) == NULL) {                                \
    const char *reason = dlerror();                                                              \
    return reason != NULL ? reason : name " is missing from libpoppler-glib.so.8";               \
  }
  TWEETAL_SYMBOL(bytes_new, "g_bytes_new")
  TWEETAL_SYMBOL(bytes_unref, "g_bytes_unref")
  TWEETAL_SYMBOL(error_free, "g_error_free")
  TWEETAL_SYMBOL(free, "g_free")
  TWEETAL_SYMBOL(object_unref, "g_object_unref")
  TWEETAL_SYMBOL(error_quark, "poppler_error_quark")
  TWEETAL_SYMBOL(document_new_from_bytes, "poppler_document_new_from_bytes")
  TWEETAL_SYMBOL(document_get_n_pages, "poppler_document_get_n_pages")
  TWEETAL_SYMBOL(document_get_page, "poppler_document_get_page")
  TWEETAL_SYMBOL(page_get_size, "poppler_page_get_size")
  TWEETAL_SYMBOL(page_get_text, "poppler_page_get_text")
  TWEETAL_SYMBOL(page_get_text_layout, "poppler_page_get_text_layout")
  TWEETAL_SYMBOL(page_get_text_attributes, "poppler_page_get_text_attributes")
  TWEETAL_SYMBOL(page_free_text_attributes, "poppler_page_free_text_attributes")
#undef TWEETAL_SYMBOL
  return NULL;
}

/* The attributes of an element of poppler_page_get_text_attributes' list. */
static inline TweetalPopplerTextAttributes *_Nullable tweetal_poppler_attributes(TweetalGList *_Nonnull element) {
  return (TweetalPopplerTextAttributes *)element->data;
}

#endif
