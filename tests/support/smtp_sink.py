#!/usr/bin/env python3
"""A real SMTP server for e-Reception's tests, built on aiosmtpd.

Every accepted message is written whole (headers and body, as received) to OUT_DIR as
`<nanoseconds>-<n>.eml`, atomically. Recipients containing `reject` get a permanent
`550`, those containing `tempfail` a transient `451`, so tests can exercise both kinds of
failure. Prints `READY <port>` on standard output once it listens; stops on SIGTERM.

Usage: smtp_sink.py OUT_DIR [PORT]   (PORT 0 or absent: any free port)
"""
import itertools
import os
import signal
import socket
import sys
import time

from aiosmtpd.controller import Controller


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


def main():
    out = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    if port == 0:
        # aiosmtpd's Controller needs a concrete port: take a free one from the kernel
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    os.makedirs(out, exist_ok=True)
    controller = Controller(Sink(out), hostname="127.0.0.1", port=port, decode_data=False,
                            data_size_limit=None)
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
