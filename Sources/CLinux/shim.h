#ifndef CODEZERO_CLINUX_SHIM_H
#define CODEZERO_CLINUX_SHIM_H
// Linux interfaces that Glibc's Swift module does not export.
#include <stdint.h>
#include <errno.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <sys/epoll.h>

// An epoll instance watching `fd` for readability with EPOLLEXCLUSIVE: of several processes waiting on the same
// listening socket, a new connection wakes one (or a few), not all. -1 on failure (errno set).
static inline int cz_epoll_exclusive(int fd) {
    int instance = epoll_create1(EPOLL_CLOEXEC);
    if (instance < 0) return -1;
    struct epoll_event event = { .events = EPOLLIN | EPOLLEXCLUSIVE, .data = { .fd = fd } };
    if (epoll_ctl(instance, EPOLL_CTL_ADD, fd, &event) != 0) {
        int saved = errno;
        close(instance);
        errno = saved;
        return -1;
    }
    return instance;
}

// accept4(2), a GNU extension the Glibc module does not declare. Declared here without <sys/socket.h>: including
// it would make its types and constants this module's, and Glibc's users (SOCK_STREAM, ...) would no longer find them.
struct sockaddr;
extern int accept4(int fd, struct sockaddr *address, unsigned int *length, int flags);

// Accepts a connection on the non-blocking listening socket `fd` with `flags` (SOCK_CLOEXEC): the descriptor, or -1
// with errno (EAGAIN: none waiting).
static inline int cz_accept(int fd, int flags) {
    return accept4(fd, 0, 0, flags);
}

// Waits on the instance for one event; -1 with errno EINTR when a signal arrived (epoll_wait is never restarted,
// whatever SA_RESTART says).
static inline int cz_epoll_wait_one(int instance) {
    struct epoll_event event;
    return epoll_wait(instance, &event, 1, -1);
}

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
