# Python twin of tests/support/eddy_process.{h,cpp} and eddy_process.sh: a throwaway Eddy
# server for Python tests (run by /usr/bin/python3, the interpreter Debian's python3-psycopg2
# is installed for).
#
#   with EddyProcess("/path/to/eddy") as server:   # started, and a connection succeeded
#       psycopg2.connect(server.dsn)
#                                                   # left: SIGTERM, SIGKILL after 5 s, temp dir removed
#
# The command line is `eddy server --host 127.0.0.1 --port <free> --data-dir <tmp>/data [extra]`
# with its output in <tmp>/server.log (log_tail()). The server gets PR_SET_PDEATHSIG, so it
# dies with the test even when a ctest timeout kills the test. EDDY_KEEP_TEMP=1 keeps <tmp>.

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent():
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    PR_SET_PDEATHSIG = 1
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    os.setpgid(0, 0)


class EddyProcess:
    def __init__(self, binary, extra_args=(), ready_timeout=20.0, stop_grace=5.0):
        self.binary = binary
        self.extra_args = list(extra_args)
        self.ready_timeout = ready_timeout
        self.stop_grace = stop_grace
        self.process = None
        self.temp_dir = None
        self.port = None
        self.exit_description = ""

    @property
    def dsn(self):
        return "host=127.0.0.1 port=%d user=eddy dbname=eddy" % self.port

    def start(self):
        import psycopg2  # only needed for the readiness check

        if self.temp_dir is None:  # restart() keeps the directory (and the data)
            self.temp_dir = tempfile.mkdtemp(prefix="eddy-test-")
            os.mkdir(os.path.join(self.temp_dir, "data"))
        self.port = free_port()
        log = open(os.path.join(self.temp_dir, "server.log"), "ab")
        self.process = subprocess.Popen(
            [self.binary, "server", "--host", "127.0.0.1", "--port", str(self.port),
             "--data-dir", os.path.join(self.temp_dir, "data")] + self.extra_args,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        log.close()
        deadline = time.monotonic() + self.ready_timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("eddy server exited with status %d before accepting connections:\n%s"
                                   % (self.process.returncode, self.log_tail()))
            try:
                psycopg2.connect(self.dsn, connect_timeout=2).close()
                return
            except psycopg2.OperationalError:
                if time.monotonic() >= deadline:
                    self.stop()
                    raise RuntimeError("eddy server did not accept a connection in time:\n" + self.log_tail())
                time.sleep(0.1)

    def running(self):
        return self.process is not None and self.process.poll() is None

    def crashed(self):
        """True when the server ended by a signal other than TERM, KILL or INT."""
        rc = self.process.returncode if self.process is not None else None
        return rc is not None and rc < 0 and -rc not in (signal.SIGTERM, signal.SIGKILL, signal.SIGINT)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(self.stop_grace)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process is not None:
            rc = self.process.returncode
            self.exit_description = ("exited with status %d" % rc) if rc >= 0 else ("killed by signal %d" % -rc)
        return self.exit_description

    def kill(self):
        """SIGKILL: a crash, nothing flushed or committed on the way out."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def restart(self, crash=True):
        """Stops the server (SIGKILL when `crash`, else SIGTERM) and starts it again on the same
        data directory (a new port)."""
        if crash:
            self.kill()
        else:
            self.stop()
        self.start()

    def log_tail(self, lines=40):
        try:
            with open(os.path.join(self.temp_dir, "server.log"), errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except (OSError, TypeError):
            return ""

    def cleanup(self):
        if self.temp_dir and os.environ.get("EDDY_KEEP_TEMP") != "1":
            shutil.rmtree(self.temp_dir, ignore_errors=True)
            self.temp_dir = None

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.cleanup()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        self.cleanup()
        return False
