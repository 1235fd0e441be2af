#!/usr/bin/env python3
"""A real SMTP server for e-Reception's tests, built on aiosmtpd.

Every accepted message is written whole (headers and body, as received) to OUT_DIR as
`<nanoseconds>-<n>.eml`, atomically. Recipients containing `reject` get a permanent
`550`, those containing `tempfail` a transient `451`, so tests can exercise both kinds of
failure. Prints `READY <port>` on standard output once it listens; stops on SIGTERM.

With `--auth FILE`, clients must authenticate (AUTH PLAIN or LOGIN, allowed without TLS) as
the `user:password` FILE holds, read at every attempt: other credentials get `535`, mail
before authenticating `530`. Rewriting FILE mends (or breaks) the server while it runs.

Usage: smtp_sink.py OUT_DIR [PORT] [--auth FILE]   (PORT 0 or absent: any free port)
"""
import itertools
import os
import signal
import socket
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, out):
        self.out = out
        self.counter = itertools.count()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "reject" in address:
            return "550 5.1.1 No such user here"
        if "tempfail" in address:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        tmp = os.path.join(self.out, f".{os.getpid()}-{n}.tmp")
        final = os.path.join(self.out, f"{time.time_ns()}-{n}.eml")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, final)
        return "250 OK: queued"


class FileAuthenticator:
    """Accepts the one `user:password` written in a file, as the file says at each attempt."""

    def __init__(self, path):
        self.path = path

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        try:
            with open(self.path, "rb") as f:
                expected = f.read().strip()
        except OSError:
            return AuthResult(success=False, handled=False)
        given = auth_data.login + b":" + auth_data.password
        # handled=False: aiosmtpd answers a failure with its own 535
        return AuthResult(success=given == expected, handled=False)


def main():
    args = sys.argv[1:]
    auth = None
    if "--auth" in args:
        at = args.index("--auth")
        auth = args[at + 1]
        del args[at:at + 2]
    out = args[0]
    port = int(args[1]) if len(args) > 1 else 0
    if port == 0:
        # aiosmtpd's Controller needs a concrete port: take a free one from the kernel
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    os.makedirs(out, exist_ok=True)
    extra = {}
    if auth is not None:
        extra = dict(authenticator=FileAuthenticator(auth), auth_required=True, auth_require_tls=False)
    controller = Controller(Sink(out), hostname="127.0.0.1", port=port, decode_data=False,
                            data_size_limit=None, **extra)
    controller.start()
    print(f"READY {port}", flush=True)

    def on_term(*_):
        controller.stop()
        sys.exit(0)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
