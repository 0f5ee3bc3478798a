"""Stopping new connections on a listening socket (api/listener.py): a connection already in
its queue is accepted with the request sent on it, and a new one never completes."""

from __future__ import annotations

import socket
import sys

import pytest

from api import listener

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the filter is Linux's")


@pytest.mark.parametrize(("family", "host"), [(socket.AF_INET, "127.0.0.1"),
                                              (socket.AF_INET6, "::1")])
def test_queued_connections_stay_and_new_ones_do_not_complete(family: socket.AddressFamily,
                                                              host: str) -> None:
    with socket.socket(family) as server:
        try:
            server.bind((host, 0))
        except OSError:
            pytest.skip(f"no {host} here")
        server.listen(8)
        port = server.getsockname()[1]
        with socket.create_connection((host, port), timeout=60) as queued:
            queued.sendall(b"GET /livez HTTP/1.1\r\n\r\n")
            assert listener.refuse_new_connections(server)
            with socket.socket(family) as late:
                # Its SYN is dropped: it cannot complete, however long it is given (the
                # first resend comes after a second, and is dropped too).
                late.settimeout(1.5)
                with pytest.raises(TimeoutError):
                    late.connect((host, port))
            server.settimeout(60)
            accepted, _ = server.accept()
            with accepted:
                assert accepted.recv(64).startswith(b"GET /livez")
                accepted.sendall(b"answered")
                assert queued.recv(64) == b"answered"
