#!/usr/bin/env python3
"""slow_clients.py PORT COUNT SECONDS: a slow-loris client on loopback, for the tests.

Opens COUNT connections from 127.0.0.1 to 127.0.0.1:PORT, sends each the start of a GET
request and then one more header line every second, so that no connection is ever idle
long enough for the server's time-out, for SECONDS seconds (bounded: at most 60). Prints
"ready N" once all connections were tried (N: how many the server kept open) and
"held N" at the end. Sends to loopback only and stops by itself.
"""
import socket
import sys
import time

port, count, seconds = int(sys.argv[1]), int(sys.argv[2]), min(int(sys.argv[3]), 60)
socks = []
for i in range(count):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(0.5)
    try:
        s.bind(("127.0.0.1", 0))
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        socks.append(s)
    except OSError:
        s.close()


def alive(s):
    """Send one more header line; False when the server has closed the connection."""
    try:
        s.sendall(b"X-Langzaam: ja\r\n")
        s.setblocking(False)
        try:
            if s.recv(1) == b"":
                return False
        except BlockingIOError:
            pass
        finally:
            s.setblocking(True)
            s.settimeout(0.5)
        return True
    except OSError:
        return False


time.sleep(0.3)
socks = [s for s in socks if alive(s) or s.close()]
print("ready %d" % len(socks), flush=True)
end = time.time() + seconds
while time.time() < end:
    time.sleep(1)
    socks = [s for s in socks if alive(s) or s.close()]
print("held %d" % len(socks), flush=True)
for s in socks:
    s.close()
