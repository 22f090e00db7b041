#ifndef CODEZERO_CCURL_SHIM_H
#define CODEZERO_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed wrapper per
// argument kind.
typedef size_t (*codezero_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode codezero_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode codezero_curl_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode codezero_curl_setopt_callback(CURL *handle, CURLoption option,
                                                     codezero_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode codezero_curl_response_code(CURL *handle, long *code) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}

// The verbose-output callback (SMTP replies arrive as CURLINFO_HEADER_IN).
typedef int (*codezero_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size,
                                            void *context);

static inline CURLcode codezero_curl_setopt_debug(CURL *handle, codezero_curl_debug_callback value) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, value);
}

#endif
