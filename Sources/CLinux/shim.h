#ifndef CODEZERO_CLINUX_SHIM_H
#define CODEZERO_CLINUX_SHIM_H
// Linux interfaces that Glibc's Swift module does not export.
#include <stdint.h>
#include <sys/signalfd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>

// Atomics on shared memory (the pool's scoreboard): Swift's Atomic cannot live in a mapping that
// several processes share, so these thin wrappers over the compiler builtins do.
static inline uint64_t cz_atomic_load(const uint64_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline uint64_t cz_atomic_load_relaxed(const uint64_t *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void cz_atomic_store(uint64_t *p, uint64_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static inline void cz_atomic_store_relaxed(uint64_t *p, uint64_t v) { __atomic_store_n(p, v, __ATOMIC_RELAXED); }
static inline uint64_t cz_atomic_add(uint64_t *p, uint64_t v) { return __atomic_fetch_add(p, v, __ATOMIC_RELAXED); }
static inline int cz_atomic_cas(uint64_t *p, uint64_t expected, uint64_t desired) {
    return __atomic_compare_exchange_n(p, &expected, desired, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}
static inline void cz_fence_release(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
static inline void cz_fence_acquire(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
#endif
