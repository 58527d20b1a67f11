#!/usr/bin/python3
"""A minimal PostgreSQL v3 wire client for the end-to-end tests, standard library only.

It speaks the protocol byte by byte so the tests can see what psql hides: authentication
request codes, SQLSTATEs of connection errors, BackendKeyData, silent closes, and it can send
malformed bytes on purpose.

As a library (tests/e2e/malformed_e2e.py):  Conn, startup_packet, login, ...
As a command (tests/e2e/auth_e2e.sh), each prints one line:
  pg_wire.py login PORT USER [PASSWORD] [--tls]
      "auth=<request codes> ok" or "auth=<request codes> <SEVERITY> <SQLSTATE> <message>"
  pg_wire.py salt PORT USER        the salt and iteration count of the server-first-message
  pg_wire.py silent PORT SECONDS   opens a connection, sends nothing: "closed after N.N s" or
                                   "still open after N.N s" (waiting at most SECONDS)
  pg_wire.py cancel PORT           runs pg_sleep(3) on one connection and sends it a cancel with
                                   a wrong key, then the right one: "<first> / <second>", each
                                   "completed" or the error's SQLSTATE, with the seconds it took
"""

import base64
import hashlib
import hmac
import os
import socket
import ssl
import struct
import sys
import time

PROTOCOL_3 = 196608
SSL_REQUEST = 80877103
CANCEL_REQUEST = 80877102


def startup_packet(params, version=PROTOCOL_3):
    body = struct.pack("!i", version)
    for k, v in params.items():
        body += k.encode() + b"\0" + v.encode() + b"\0"
    body += b"\0"
    return struct.pack("!i", len(body) + 4) + body


def message(kind, payload=b""):
    return kind + struct.pack("!i", len(payload) + 4) + payload


def error_fields(payload):
    fields = {}
    for part in payload.split(b"\0"):
        if part:
            fields[chr(part[0])] = part[1:].decode(errors="replace")
    return fields


class Closed(Exception):
    pass


class Conn:
    def __init__(self, port, host="127.0.0.1", timeout=10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buf = b""
        self.backend_key = None

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Closed()
            self.buf += chunk

    def recv_byte(self):
        self._fill(1)
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def recv_message(self):
        """(type, payload); raises Closed at the end of the stream."""
        self._fill(5)
        kind = self.buf[:1]
        (length,) = struct.unpack("!i", self.buf[1:5])
        self._fill(1 + length)
        payload = self.buf[5:1 + length]
        self.buf = self.buf[1 + length:]
        return kind, payload

    def closed_without_reply(self, wait=5.0):
        """True when the server closes the connection without sending a byte."""
        self.sock.settimeout(wait)
        try:
            return self.sock.recv(1) == b""
        except (socket.timeout, ConnectionResetError):
            return False

    def start_tls(self):
        self.send(struct.pack("!ii", 8, SSL_REQUEST))
        if self.recv_byte() != b"S":
            raise RuntimeError("the server refused TLS")
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        self.sock = context.wrap_socket(self.sock)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def scram_client_final(password, client_first_bare, server_first):
    attrs = dict(a.split("=", 1) for a in server_first.split(","))
    salt = base64.b64decode(attrs["s"])
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, int(attrs["i"]))
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    without_proof = "c=biws,r=" + attrs["r"]
    auth_message = ",".join([client_first_bare, server_first, without_proof]).encode()
    signature = hmac.new(stored_key, auth_message, hashlib.sha256).digest()
    proof = bytes(a ^ b for a, b in zip(client_key, signature))
    return without_proof + ",p=" + base64.b64encode(proof).decode()


def login(conn, user, password=None, database="eddy"):
    """Runs the startup exchange. Returns (auth request codes, None) once ReadyForQuery arrives,
    or (codes, error fields) when the server sends an ErrorResponse."""
    conn.send(startup_packet({"user": user, "database": database}))
    codes = []
    client_first_bare = "n=,r=" + base64.b64encode(os.urandom(18)).decode()
    while True:
        kind, payload = conn.recv_message()
        if kind == b"E":
            return codes, error_fields(payload)
        if kind == b"K":
            conn.backend_key = struct.unpack("!ii", payload)
        if kind == b"Z":
            return codes, None
        if kind != b"R":
            continue
        (code,) = struct.unpack("!i", payload[:4])
        codes.append(code)
        if code == 3:
            conn.send(message(b"p", (password or "").encode() + b"\0"))
        elif code == 10:
            data = ("n,," + client_first_bare).encode()
            conn.send(message(b"p", b"SCRAM-SHA-256\0" + struct.pack("!i", len(data)) + data))
        elif code == 11:
            conn.last_server_first = payload[4:].decode()
            final = scram_client_final(password or "", client_first_bare, conn.last_server_first)
            conn.send(message(b"p", final.encode()))


def query(conn, sql):
    """Runs one simple query; returns (rows of text values, error fields or None)."""
    conn.send(message(b"Q", sql.encode() + b"\0"))
    rows, error = [], None
    while True:
        kind, payload = conn.recv_message()
        if kind == b"D":
            (n,) = struct.unpack("!h", payload[:2])
            at, row = 2, []
            for _ in range(n):
                (length,) = struct.unpack("!i", payload[at:at + 4])
                at += 4
                row.append(None if length < 0 else payload[at:at + length].decode())
                at += max(length, 0)
            rows.append(row)
        elif kind == b"E":
            error = error_fields(payload)
        elif kind == b"Z":
            return rows, error


def describe_login(codes, error):
    auth = "auth=" + (",".join(str(c) for c in codes) or "none")
    if error is None:
        return auth + " ok"
    return "%s %s %s %s" % (auth, error.get("S"), error.get("C"), error.get("M"))


def cmd_login(port, user, password=None, tls=False):
    conn = Conn(port)
    try:
        if tls:
            conn.start_tls()
        return describe_login(*login(conn, user, password))
    except Closed:
        return "closed"
    finally:
        conn.close()


def cmd_salt(port, user):
    conn = Conn(port)
    try:
        conn.send(startup_packet({"user": user, "database": "eddy"}))
        kind, payload = conn.recv_message()
        if kind != b"R" or struct.unpack("!i", payload[:4])[0] != 10:
            return "no SASL request"
        data = b"n,,n=,r=abcdef"
        conn.send(message(b"p", b"SCRAM-SHA-256\0" + struct.pack("!i", len(data)) + data))
        kind, payload = conn.recv_message()
        attrs = dict(a.split("=", 1) for a in payload[4:].decode().split(","))
        return "s=%s i=%s saltbytes=%d" % (attrs["s"], attrs["i"], len(base64.b64decode(attrs["s"])))
    finally:
        conn.close()


def cmd_silent(port, seconds):
    conn = Conn(port, timeout=float(seconds))
    start = time.monotonic()
    try:
        closed = conn.sock.recv(1) == b""
    except socket.timeout:
        closed = False
    except ConnectionResetError:
        closed = True
    took = time.monotonic() - start
    conn.close()
    return ("closed after %.1f s" if closed else "still open after %.1f s") % took


def send_cancel(port, pid, secret):
    c = Conn(port)
    c.send(struct.pack("!iiii", 16, CANCEL_REQUEST, pid, secret))
    c.closed_without_reply()
    c.close()


def timed_sleep(port, wrong_key):
    """pg_sleep(3) on a fresh connection; after 0.5 s a cancel with its key (or a wrong one)."""
    conn = Conn(port)
    try:
        login(conn, "eddy")
        pid, secret = conn.backend_key
        start = time.monotonic()
        conn.send(message(b"Q", b"SELECT pg_sleep(3)\0"))
        time.sleep(0.5)
        send_cancel(port, pid, secret ^ 1 if wrong_key else secret)
        error = None
        while True:
            kind, payload = conn.recv_message()
            if kind == b"E":
                error = error_fields(payload)
            if kind == b"Z":
                break
        took = time.monotonic() - start
        outcome = "completed" if error is None else error.get("C")
        return "%s in %s s" % (outcome, "<2" if took < 2 else ">=2")
    finally:
        conn.close()


def cmd_cancel(port):
    return timed_sleep(port, True) + " / " + timed_sleep(port, False)


def main(argv):
    command, port = argv[1], int(argv[2])
    if command == "login":
        rest = [a for a in argv[3:] if a != "--tls"]
        print(cmd_login(port, rest[0], rest[1] if len(rest) > 1 else None, "--tls" in argv))
    elif command == "salt":
        print(cmd_salt(port, argv[3]))
    elif command == "silent":
        print(cmd_silent(port, argv[3]))
    elif command == "cancel":
        print(cmd_cancel(port))
    else:
        sys.exit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv)
