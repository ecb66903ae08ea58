"""A real SMTP server for tests: accepts every message on 127.0.0.1 and writes each, as
received, to a numbered .eml file in the folder given as the first argument. Prints
"READY <port>" once it listens. Uses the standard library's smtpd where it exists (Python
3.11 and earlier), else aiosmtpd."""
import os
import socket
import sys

out = sys.argv[1]
count = 0


def save(data):
    global count
    count += 1
    path = os.path.join(out, f"{count:04d}.eml")
    with open(path + ".part", "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    os.rename(path + ".part", path)


try:
    import warnings

    warnings.simplefilter("ignore", DeprecationWarning)
    import asyncore
    import smtpd

    class Sink(smtpd.SMTPServer):
        def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
            save(data)

    server = Sink(("127.0.0.1", 0), None, decode_data=False)
    print(f"READY {server.socket.getsockname()[1]}", flush=True)
    asyncore.loop()
except ImportError:
    import asyncio

    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            save(envelope.original_content)
            return "250 OK"

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"READY {port}", flush=True)
    asyncio.get_event_loop().run_forever()
