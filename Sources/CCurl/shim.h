#ifndef CODEZERO_CCURL_SHIM_H
#define CODEZERO_CCURL_SHIM_H
#include <curl/curl.h>
#endif
