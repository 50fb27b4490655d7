// zlib's inflate, for gzip-compressed inputs (Inkscape's .svgz).
#include <zlib.h>
