"""A minimal FastCGI client for profiling (bench/profile.sh): sends COUNT requests, one connection each (as nginx
does), with the parameters nginx's fastcgi.conf sends, to a unix socket, and checks each answer's status.

usage: fcgi_client.py SOCKET COUNT METHOD URI [HEADER=VALUE ...] [--body TEXT]
"""

import socket
import struct
import sys


def record(kind: int, content: bytes, request_id: int = 1) -> bytes:
    padding = (8 - len(content) % 8) % 8
    return struct.pack(">BBHHBx", 1, kind, request_id, len(content), padding) + content + b"\0" * padding


def pair(name: bytes, value: bytes) -> bytes:
    def length(n: int) -> bytes:
        return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
    return length(len(name)) + length(len(value)) + name + value


def exchange(path: str, params: dict[str, str], body: bytes) -> bytes:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(path)
    encoded = b"".join(pair(k.encode(), v.encode()) for k, v in params.items())
    connection.sendall(record(1, struct.pack(">HB5x", 1, 0)) + record(4, encoded) + record(4, b"")
                       + (record(5, body) if body else b"") + record(5, b""))
    output = b""
    buffer = b""
    while True:
        chunk = connection.recv(65536)
        if not chunk:
            break
        buffer += chunk
        while len(buffer) >= 8:
            _, kind, _, length, padding = struct.unpack(">BBHHBx", buffer[:8])
            if len(buffer) < 8 + length + padding:
                break
            if kind == 6:
                output += buffer[8:8 + length]
            buffer = buffer[8 + length + padding:]
            if kind == 3:
                connection.close()
                return output
    connection.close()
    return output


def main() -> None:
    args = sys.argv[1:]
    body = b""
    if "--body" in args:
        index = args.index("--body")
        body = args[index + 1].encode()
        del args[index:index + 2]
    path, count, method, uri, *headers = args
    query = uri.split("?", 1)[1] if "?" in uri else ""
    params = {"QUERY_STRING": query, "REQUEST_METHOD": method, "CONTENT_TYPE": "", "CONTENT_LENGTH": "",
              "REQUEST_URI": uri, "HTTPS": "on", "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "50000",
              "SERVER_PORT": "8443", "SERVER_NAME": "localhost", "REQUEST_ID": "0123456789abcdef0123456789abcdef",
              "HTTP_PROXY": "", "HTTP_HOST": "localhost:8443"}
    for header in headers:
        name, value = header.split("=", 1)
        params[name] = value
    if body:
        params["CONTENT_LENGTH"] = str(len(body))
        params["CONTENT_TYPE"] = params["CONTENT_TYPE"] or "application/json"
    for _ in range(int(count)):
        answer = exchange(path, params, body)
        status = answer.split(b"\r\n", 1)[0]
        if not (status.startswith(b"Status: 2") or not status.startswith(b"Status:")):
            sys.exit(f"unexpected answer: {answer[:300]!r}")


main()
