"""A loopback SMTP server for briefing's tests, built on Debian's aiosmtpd.

usage: /usr/bin/python3 smtpd.py PORT FOLDER [--tls CERT KEY] [--auth USER:PASSWORD | --auth refuse]

Each message received is written, byte for byte as it came, to
FOLDER/N.eml, and its envelope recipients to FOLDER/N.rcpt. With --tls the
server offers STARTTLS and requires it; with --auth it offers AUTH PLAIN
and LOGIN (after STARTTLS) and requires a login: accepted for USER:PASSWORD,
refused for every login with "refuse". Prints "ready" when listening and
stops when its standard input is closed.
"""
import os
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Folder:
    def __init__(self, folder):
        self.folder = folder
        self.n = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.n += 1
            base = os.path.join(self.folder, str(self.n))
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".rcpt", "w") as f:
            f.write("\n".join(envelope.rcpt_tos) + "\n")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 2.0.0 Ok: queued as test-%d" % self.n


def main():
    args = sys.argv[1:]
    port, folder = int(args[0]), args[1]
    kw = {}
    if "--tls" in args:
        i = args.index("--tls")
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args[i + 1], args[i + 2])
        kw.update(tls_context=ctx, require_starttls=True)
    if "--auth" in args:
        want = args[args.index("--auth") + 1]

        def check(server, session, envelope, mechanism, auth_data):
            login = (auth_data.login or b"").decode() + ":" + (auth_data.password or b"").decode()
            # handled=False: the server answers 535 itself on a failure.
            return AuthResult(success=(want != "refuse" and login == want), handled=False)

        kw.update(authenticator=check, auth_required=True, auth_require_tls="--tls" in args)
    c = Controller(Folder(folder), hostname="127.0.0.1", port=port, data_size_limit=50_000_000, **kw)
    c.start()
    print("ready", flush=True)
    sys.stdin.read()
    c.stop()


main()
