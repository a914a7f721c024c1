#ifndef TWEETAL_CZLIB_SHIM_H
#define TWEETAL_CZLIB_SHIM_H
/* zlib, for the dictzip (.dict.dz) files of FreeDict dictionaries. */
#include <zlib.h>
#endif
