#ifndef CODEZERO_CLINUX_SHIM_H
#define CODEZERO_CLINUX_SHIM_H
// Linux interfaces that Glibc's Swift module does not export.
#include <sys/signalfd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/mman.h>
#endif
