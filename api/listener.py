"""Stop taking new connections on a listening socket without resetting the ones it holds.

The kernel completes a connection's handshake on its own and queues it until a process
accepts it; a client then sends its request at once. Closing the listening socket resets
every connection still in that queue, request and all, so a server that simply stops
accepting and closes loses the requests that arrived in its last instant (a few in every
SIGTERM under load, measured).

So the socket first gets a filter that drops every new SYN: no connection enters the queue
any more, while the handshakes already begun complete and are queued as before. The
processes keep accepting for ``SETTLE_SECONDS``, which empties the queue; only then is the
socket closed, with nothing in it. A client that connects meanwhile resends its SYN a second
later and finds the socket closed: its connection is refused (tried elsewhere, or again),
never reset after its request was sent.

The filter is classic BPF through SO_ATTACH_FILTER: Linux only. Elsewhere it is skipped
(logged), and the old race remains.
"""

from __future__ import annotations

import ctypes
import logging
import socket
import struct

log = logging.getLogger("adhikar.serve")

SETTLE_SECONDS = 0.5  # far longer than a handshake begun before the filter takes to finish
SO_ATTACH_FILTER = getattr(socket, "SO_ATTACH_FILTER", 26)  # Linux's number

# Run on each packet that reaches the socket, the TCP header first: load the flags byte;
# with SYN set keep 0 bytes (drop the packet), otherwise keep it whole.
_LD_B_ABS, _JSET_K, _RET_K, _SYN = 0x30, 0x45, 0x06, 0x02
_DROP_SYN = ((_LD_B_ABS, 0, 0, 13),
             (_JSET_K, 0, 1, _SYN),       # SYN set: the next instruction; else skip it
             (_RET_K, 0, 0, 0),
             (_RET_K, 0, 0, 0xFFFFFFFF))


def refuse_new_connections(sock: socket.socket) -> bool:
    """Make the kernel drop new connection attempts on this listening socket (and on every
    process's copy of it: the filter is the socket's). False where that is not possible."""
    code = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *op) for op in _DROP_SYN))
    program = struct.pack("HL", len(_DROP_SYN), ctypes.addressof(code))  # struct sock_fprog
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, program)
    except OSError as exc:
        log.warning("cannot stop new connections before closing (%s): a connection that "
                    "arrives as the socket closes may be reset", type(exc).__name__)
        return False
    return True
