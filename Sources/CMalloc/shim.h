#ifndef TWEETAL_CMALLOC_SHIM_H
#define TWEETAL_CMALLOC_SHIM_H
/* glibc's allocator settings (mallopt), which the Glibc module does not bring. */
#if defined(__linux__)
#include <malloc.h>
#endif
#endif
