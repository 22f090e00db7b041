/* The FastCGI path's limit: libfcgi's smallest responder answering what the pool's /healthz answers, ending each
 * request as the pool does (the rest of stdin read, then FCGX_Detach: the connection closes at once instead of
 * libfcgi's lingering close, which waits for nginx to close first; README "Speed", session 15).
 * usage: hello SOCKET PROCESSES (the socket is created; the processes share it, as the pool's workers do). */
#include <fcgiapp.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3 || FCGX_Init() != 0) return 64;
    int listening = FCGX_OpenSocket(argv[1], 1024);
    if (listening < 0 || chmod(argv[1], 0666) != 0) return 1;
    for (int i = 1; i < atoi(argv[2]); i++) if (fork() == 0) break;
    FCGX_Request request;
    FCGX_InitRequest(&request, listening, 0);
    char rest[8192];
    while (FCGX_Accept_r(&request) == 0) {
        FCGX_PutS("Status: 200 OK\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
                  "Content-Length: 15\r\n\r\n{\"status\":\"ok\"}", request.out);
        while (FCGX_GetStr(rest, sizeof rest, request.in) > 0) {}
        FCGX_Detach(&request);
        FCGX_Finish_r(&request);
    }
    return 0;
}
