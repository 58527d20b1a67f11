#!/usr/bin/python3
"""End to end: malformed and hostile input against a live server, byte by byte.

    tests/e2e/malformed_e2e.py /path/to/eddy

Starts `eddy server` (SCRAM, TLS with a throwaway certificate made by the openssl CLI) on a free
port and sends what PostgreSQL must survive: oversized and undersized startup packets, unknown
message types, impossible lengths, truncated frames, garbage, plaintext after an SSLRequest
(CVE-2021-23214), broken SCRAM messages. Each case checks PostgreSQL's answer: a FATAL with its
SQLSTATE, or a silent close where PostgreSQL only logs (COMMERROR). Throughout, one session
opened at the start must keep answering, and the server must neither crash nor stop accepting.

Standard library only. Prints "ok N - ..." / "not ok N - ..." lines; exits 1 if any failed.
"""

import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pg_wire as w  # noqa: E402

PASSWORD = "malformed-test"
checks = 0
failures = 0


def report(ok, name, details=""):
    global checks, failures
    checks += 1
    if ok:
        print("ok %d - %s" % (checks, name))
    else:
        failures += 1
        print("not ok %d - %s" % (checks, name))
        for line in str(details).splitlines()[:40]:
            print("    " + line)


def expect(name, want, got):
    report(want == got, name, "expected: %r\n     got: %r" % (want, got))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, eddy):
        self.tmp = tempfile.mkdtemp(prefix="eddy-malformed-")
        self.port = free_port()
        cert, key = os.path.join(self.tmp, "server.crt"), os.path.join(self.tmp, "server.key")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-keyout", key, "-out", cert],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(self.tmp, "password"), "w") as f:
            f.write(PASSWORD + "\n")
        self.log_path = os.path.join(self.tmp, "server.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [eddy, "server", "--host", "127.0.0.1", "--port", str(self.port),
             "--data-dir", os.path.join(self.tmp, "data"), "--auth", "scram-sha-256",
             "--superuser-password-file", os.path.join(self.tmp, "password"),
             "--tls-cert", cert, "--tls-key", key],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while True:
            try:
                if login_line(self.port) == "auth=10,11,12,0 ok":
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start:\n" + self.log_tail())
            time.sleep(0.1)

    def log_tail(self, lines=40):
        with open(self.log_path) as f:
            return "".join(f.readlines()[-lines:])

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode

    def cleanup(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def login_line(port, user="eddy", password=PASSWORD):
    conn = w.Conn(port)
    try:
        return w.describe_login(*w.login(conn, user, password))
    finally:
        conn.close()


def logged_in(port):
    conn = w.Conn(port)
    codes, error = w.login(conn, "eddy", PASSWORD)
    if error is not None:
        raise RuntimeError("login failed: %r" % error)
    return conn


def reply(conn, wait=5.0):
    """What the server does next: ("closed", None) for a close without a byte, ("fatal", fields)
    for an ErrorResponse followed by a close, ("error", fields) for one the connection survives,
    ("open", None) when nothing happens within `wait` seconds."""
    conn.sock.settimeout(wait)
    try:
        kind, payload = conn.recv_message()
    except w.Closed:
        return "closed", None
    except socket.timeout:
        return "open", None
    except ConnectionResetError:
        return "closed", None
    if kind != b"E":
        return "unexpected %r" % kind, None
    fields = w.error_fields(payload)
    try:
        conn.recv_message()
        return "error", fields
    except (w.Closed, ConnectionResetError):
        return "fatal", fields
    except socket.timeout:
        return "error", fields


def summary(outcome):
    kind, fields = outcome
    if fields is None:
        return kind
    return "%s %s %s %s" % (kind, fields.get("S"), fields.get("C"), fields.get("M"))


def fresh(port):
    return w.Conn(port)


def main():
    eddy = sys.argv[1]
    server = Server(eddy)
    port = server.port
    bystander = logged_in(port)
    try:
        run_cases(port)
        rows, error = w.query(bystander, "SELECT 'still here'")
        expect("a session opened before all this still answers", ([["still here"]], None), (rows, error))
        expect("a new connection still logs in", "auth=10,11,12,0 ok", login_line(port))
        report(server.process.poll() is None, "the server is still running", server.log_tail())
        with open(server.log_path) as f:
            log = f.read()
        report("session failed" not in log and "connection dropped by the listener" not in log,
               "no session ended by an unexpected exception", server.log_tail())
    finally:
        bystander.close()
        rc = server.stop()
        expect("the server stops cleanly", 0, rc)
        if failures:
            print(server.log_tail())
        server.cleanup()
    print("%d checks, %d failed" % (checks, failures))
    return 1 if failures else 0


def run_cases(port):
    # --- the startup phase ---------------------------------------------------------------------
    c = fresh(port)
    c.send(struct.pack("!i", 10005) + b"\0" * 10001)
    expect("a startup packet over 10000 bytes closes the connection silently", "closed", summary(reply(c)))

    c = fresh(port)
    c.send(struct.pack("!i", 0x7fffffff))
    start = time.monotonic()
    outcome = summary(reply(c))
    expect("a 2 GB startup length is refused from its four bytes", "closed", outcome)
    report(time.monotonic() - start < 3, "at once, without waiting for the rest")

    c = fresh(port)
    c.send(struct.pack("!i", 4))
    expect("a startup length under 8 closes silently", "closed", summary(reply(c)))

    c = fresh(port)
    c.send(w.startup_packet({"user": "eddy"}, version=2 << 16))
    expect("protocol 2.0 is refused", "fatal FATAL 0A000 unsupported frontend protocol 2.0: server supports 3.0 to 3.0",
           summary(reply(c)))

    c = fresh(port)
    c.send(w.startup_packet({"database": "eddy"}))
    expect("a startup packet without a user", "fatal FATAL 28000 no PostgreSQL user name specified in startup packet",
           summary(reply(c)))

    c = fresh(port)
    body = struct.pack("!i", w.PROTOCOL_3) + b"user\0eddy\0"
    c.send(struct.pack("!i", len(body) + 4) + body)
    expect("a startup packet without its terminator",
           "fatal FATAL 08P01 invalid startup packet layout: expected terminator as last byte", summary(reply(c)))

    c = fresh(port)
    c.send(struct.pack("!iiii", 16, w.CANCEL_REQUEST, 1, 2))
    expect("a cancel request for no session is closed without a reply", "closed", summary(reply(c)))

    c = fresh(port)
    c.send(struct.pack("!iiiii", 20, w.CANCEL_REQUEST, 1, 2, 3))
    expect("a cancel request of the wrong length is closed silently", "closed", summary(reply(c)))

    # Random bytes may close the connection, be answered or wait for more: any of those is
    # right; what must hold is checked at the end (the server runs and answers).
    rng = random.Random(5454)
    for _ in range(20):
        c = fresh(port)
        c.send(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000))))
        reply(c, wait=0.2)
        c.close()

    c = fresh(port)
    c.send(w.startup_packet({"user": "eddy", "database": "eddy"})[:20])
    c.sock.shutdown(socket.SHUT_WR)
    expect("a truncated startup packet then EOF: closed", "closed", summary(reply(c)))

    # --- TLS -----------------------------------------------------------------------------------
    c = fresh(port)
    c.send(struct.pack("!ii", 8, w.SSL_REQUEST) + w.startup_packet({"user": "eddy", "database": "eddy"}))
    c.sock.settimeout(5)
    answer = c.recv_byte()
    expect("plaintext right after an SSLRequest: 'S' first", b"S", answer)
    expect("then FATAL 08P01, and the connection is closed",
           "fatal FATAL 08P01 received unencrypted data after SSL request", summary(reply(c)))

    c = fresh(port)
    c.start_tls()
    expect("an SSLRequest followed by a real handshake logs in over TLS", "auth=10,11,12,0 ok",
           w.describe_login(*w.login(c, "eddy", PASSWORD)))
    rows, error = w.query(c, "SELECT 40 + 2")
    expect("and queries over TLS", ([["42"]], None), (rows, error))
    c.close()

    c = fresh(port)
    c.send(struct.pack("!ii", 8, w.SSL_REQUEST))
    c.recv_byte()
    c.send(b"\x16\x03\x01\x00\x05hello")  # a TLS record header, then nonsense
    kind = reply(c)[0]
    report(kind in ("closed", "fatal"), "a broken TLS handshake closes the connection", kind)

    # --- authentication ------------------------------------------------------------------------
    def at_sasl_request():
        conn = fresh(port)
        conn.send(w.startup_packet({"user": "eddy", "database": "eddy"}))
        kind, payload = conn.recv_message()
        assert kind == b"R" and struct.unpack("!i", payload[:4])[0] == 10
        return conn

    def sasl_initial(mechanism, data):
        return w.message(b"p", mechanism + b"\0" + struct.pack("!i", len(data)) + data)

    c = at_sasl_request()
    c.send(sasl_initial(b"SCRAM-SHA-256-PLUS", b"p=tls-server-end-point,,n=,r=abc"))
    expect("an unadvertised SASL mechanism",
           "fatal FATAL 08P01 client selected an invalid SASL authentication mechanism", summary(reply(c)))

    c = at_sasl_request()
    c.send(sasl_initial(b"SCRAM-SHA-256", b"x,,n=,r=abc"))
    expect("a malformed client-first-message", "fatal FATAL 08P01 malformed SCRAM message", summary(reply(c)))

    c = at_sasl_request()
    c.send(sasl_initial(b"SCRAM-SHA-256", b"n,,n=,r=abc"))
    c.recv_message()  # SASLContinue
    c.send(w.message(b"p", b"c=biws,r=wrongnonce,p=" + b"A" * 43 + b"="))  # a 32-byte proof
    expect("a client-final-message with another nonce", "fatal FATAL 08P01 invalid SCRAM response", summary(reply(c)))

    c = at_sasl_request()
    c.send(w.message(b"Q", b"SELECT 1\0"))
    expect("a query instead of a SASL response",
           "fatal FATAL 08P01 expected SASL response, got message type 81", summary(reply(c)))

    c = at_sasl_request()
    c.send(b"p" + struct.pack("!i", 4 + 65536))
    expect("an authentication message over 65535 bytes closes silently", "closed", summary(reply(c)))

    c = at_sasl_request()
    c.send(w.message(b"p", b"SCRAM-SHA-256\0\0\0"))
    expect("a truncated SASLInitialResponse", "fatal FATAL 08P01", " ".join(summary(reply(c)).split()[:3]))

    # --- after authentication ------------------------------------------------------------------
    c = logged_in(port)
    c.send(w.message(b"Y", b""))
    expect("an unknown message type is FATAL 08P01", "fatal FATAL 08P01 invalid frontend message type 89",
           summary(reply(c)))

    c = logged_in(port)
    c.send(b"Q" + struct.pack("!i", 3))
    expect("a message length under 4 closes silently (PostgreSQL's COMMERROR)", "closed", summary(reply(c)))

    c = logged_in(port)
    c.send(b"Q" + struct.pack("!i", 0x7fffffff))
    start = time.monotonic()
    expect("a 2 GB message length closes silently", "closed", summary(reply(c)))
    report(time.monotonic() - start < 3, "without waiting for the bytes")

    c = logged_in(port)
    c.send(b"S" + struct.pack("!i", 4 + 20000) + b"\0" * 20000)
    expect("a Sync longer than PostgreSQL's small-message limit closes silently", "closed", summary(reply(c)))

    c = logged_in(port)
    c.send(b"Q" + struct.pack("!i", 104) + b"SELECT")
    c.sock.shutdown(socket.SHUT_WR)
    expect("a truncated message then EOF: closed", "closed", summary(reply(c)))

    c = logged_in(port)
    c.send(w.message(b"B", b"\0\0" + struct.pack("!hh", 3, 0)) + w.message(b"S"))
    outcome = reply(c)
    expect("a malformed Bind costs the statement, not the connection", ("error", "08P01"),
           (outcome[0], (outcome[1] or {}).get("C")))
    c.sock.settimeout(0.5)
    try:  # whatever ReadyForQuery messages are still to come
        while True:
            c.recv_message()
    except socket.timeout:
        pass
    c.sock.settimeout(10)
    rows, error = w.query(c, "SELECT 7")
    expect("the same connection goes on", ([["7"]], None), (rows, error))
    c.close()

    for _ in range(20):
        c = logged_in(port)
        c.send(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000))))
        reply(c, wait=0.2)
        c.close()


if __name__ == "__main__":
    sys.exit(main())
