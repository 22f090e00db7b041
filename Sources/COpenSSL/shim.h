#ifndef CODEZERO_COPENSSL_SHIM_H
#define CODEZERO_COPENSSL_SHIM_H
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/err.h>

/* SHA-256 of the bytes `a` followed by the bytes `b` (either may be empty) into `out` (32 bytes), through OpenSSL's
 * low-level interface: EVP_Digest allocates, initialises and frees a context and its provider state for every
 * digest; a session token's hash cost ~7,300 instructions that way and ~3,200 this way (issue #16). The low-level
 * functions are deprecated in OpenSSL 3 (in favour of EVP) but remain part of its API and run the same assembly. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static inline int cz_sha256_two(const void *a, size_t a_length, const void *b, size_t b_length, unsigned char *out) {
    SHA256_CTX context;
    if (SHA256_Init(&context) != 1) return 0;
    if (a_length > 0 && SHA256_Update(&context, a, a_length) != 1) return 0;
    if (b_length > 0 && SHA256_Update(&context, b, b_length) != 1) return 0;
    return SHA256_Final(out, &context);
}
#pragma GCC diagnostic pop
#endif
