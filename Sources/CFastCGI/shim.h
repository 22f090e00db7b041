#ifndef CODEZERO_CFASTCGI_SHIM_H
#define CODEZERO_CFASTCGI_SHIM_H
#include <fcgiapp.h>
#endif
