"""Run the `frontwatch` command line with the network refused, and every attempt to use it reported.

An audit hook (PEP 578) sees each name resolved, each connection tried and each datagram sent, from
Python or from a library, before it happens: it reports the attempt on stderr ("network: EVENT
ARGS") and refuses it. The report comes first, so an attempt that some library catches and hides
is still seen. Unix sockets stay allowed, and so does binding to a loopback address (urllib3
probes IPv6 that way when imported): neither leaves the machine.

    python offline_run.py extract report.txt --db events.db
"""

from __future__ import annotations

import sys
from typing import Any

_NAMES = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
          "socket.getnameinfo"}
_SENDING = {"socket.connect", "socket.sendto", "socket.sendmsg"}
_LOOPBACK = {"127.0.0.1", "::1"}


def _refuse_network(event: str, args: tuple[Any, ...]) -> None:
    if event in _SENDING:
        reaches_out = not isinstance(args[1], str | bytes)  # a str or bytes address is a Unix socket
    elif event == "socket.bind":
        reaches_out = not isinstance(args[1], str | bytes) and args[1][0] not in _LOOPBACK
    else:
        reaches_out = event in _NAMES
    if reaches_out:
        sys.__stderr__.write(f"network: {event} {args[1:]!r}\n")
        raise PermissionError(f"network access refused: {event}")


if __name__ == "__main__":
    sys.addaudithook(_refuse_network)
    from frontwatch.cli.app import main

    sys.argv = ["frontwatch", *sys.argv[1:]]
    main()
