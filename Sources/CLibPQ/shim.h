#ifndef CODEZERO_CLIBPQ_SHIM_H
#define CODEZERO_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
