#!/usr/bin/python3
"""Debian's Syncplay server (syncplay-server 1.6.9), reachable on 127.0.0.1 only.

syncplay-server (syncplay/ep_server.py) listens on every IPv4 and IPv6 interface and has no option
to choose one. This launcher builds the same SyncFactory from the same options (--port,
--isolate-rooms, --password, --motd-file, ...; see syncplay-server --help) and listens with it on
127.0.0.1 alone, with the backlog ep_server's endpoints use (Twisted's default, 50).

Run it with Debian's interpreter, /usr/bin/python3: Syncplay and Twisted are installed for that one,
not for another python3 that may come first on the PATH.
"""
import sys

from twisted.internet import reactor
from twisted.internet.error import CannotListenError

from syncplay.server import ConfigurationGetter, SyncFactory

LOOPBACK = "127.0.0.1"


def main():
    args = ConfigurationGetter().getConfiguration()
    # The same arguments, in the same order, as ep_server.main().
    factory = SyncFactory(
        args.port,
        args.password,
        args.motd_file,
        args.isolate_rooms,
        args.salt,
        args.disable_ready,
        args.disable_chat,
        args.max_chat_message_length,
        args.max_username_length,
        args.stats_db_file,
        args.tls
    )
    try:
        port = reactor.listenTCP(int(args.port), factory, interface=LOOPBACK)
    except CannotListenError as e:
        print("serve_loopback: cannot listen: {}".format(e), file=sys.stderr, flush=True)
        sys.exit(1)
    print("serve_loopback: listening on {}:{}".format(LOOPBACK, port.getHost().port), flush=True)
    reactor.run()


if __name__ == "__main__":
    main()
