#!/usr/bin/env python3
"""Modbus TCP fuzzer against a running `tundish slave` (see docs/reliability.md).

Starts the slave on a free loopback port (`--map-json` makes it write the register maps it
serves), then sends seeded random and mutated frames over several concurrent connections while a
control connection keeps reading the clock registers. Every byte stream sent is framed by an
independent model of the slave's rules (docs/register-maps.md, "Answers and exceptions"), which
predicts for each frame the exact reply (exception code, echo of a write, byte count of a read) or
no reply, and whether the slave must close the connection. Any difference, a reply that does not
come within the timeout, a control read that goes wrong or slow, or a slave that dies is a finding.

Usage: modbus_tcp_fuzz.py --tundish PATH --plant FILE [--frames N] [--seed S] [--time-limit SEC]
"""
import argparse
import json
import os
import random
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

SUPPORTED = (0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0F, 0x10)
TABLE_OF = {0x01: "coils", 0x02: "discreteInputs", 0x03: "holdingRegisters", 0x04: "inputRegisters",
            0x05: "coils", 0x06: "holdingRegisters", 0x0F: "coils", 0x10: "holdingRegisters"}
WIDTH = {"int16": 1, "uint16": 1, "bit": 1, "int32": 2, "uint32": 2, "float32": 2}
CLASSES = ("valid", "mutated", "function", "wrong-length", "protocol-id", "short", "long", "random")
REPLY_TIMEOUT = 5.0
CONTROL_LIMIT = 1.0


class Finding(Exception):
    pass


class UnitModel:
    """Which addresses of one unit are defined and writable (from the slave's --map-json)."""

    def __init__(self, unit):
        self.unit_id = unit["unitId"]
        self.defined = {t: bytearray(65536) for t in set(TABLE_OF.values())}
        self.writable = {t: bytearray(65536) for t in set(TABLE_OF.values())}
        self.ranges = {t: [] for t in set(TABLE_OF.values())}
        for b in unit["bindings"]:
            t, a, w = b["table"], b["address"], WIDTH[b["type"]]
            for x in range(a, a + w):
                self.defined[t][x] = 1
                self.writable[t][x] = 1 if b.get("writable") else 0
            self.ranges[t].append((a, w, bool(b.get("writable"))))
        self.clock = next(b["address"] for b in unit["bindings"] if b.get("role") == "clockSeconds")

    def all_set(self, flags, table, start, count):
        return 0 not in flags[table][start:start + count]

    def expect(self, pdu):
        """('exc', code) or ('ok', reply_length, exact_bytes_or_None) for one PDU of a served unit."""
        fc, n = pdu[0], len(pdu)
        if fc not in SUPPORTED:
            return ("exc", 1)
        if n < 5:
            return ("exc", 3)
        address = pdu[1] << 8 | pdu[2]
        word = pdu[3] << 8 | pdu[4]
        quantity = word
        if fc in (0x01, 0x02):
            good = n == 5 and 1 <= word <= 2000
        elif fc in (0x03, 0x04):
            good = n == 5 and 1 <= word <= 125
        elif fc == 0x05:
            good = n == 5 and word in (0x0000, 0xFF00)
            quantity = 1
        elif fc == 0x06:
            good = n == 5
            quantity = 1
        elif fc == 0x0F:
            good = n >= 6 and 1 <= word <= 1968 and pdu[5] == (word + 7) // 8 and n == 6 + pdu[5]
        else:
            good = n >= 6 and 1 <= word <= 123 and pdu[5] == 2 * word and n == 6 + pdu[5]
        if not good:
            return ("exc", 3)
        table = TABLE_OF[fc]
        if address + quantity > 65536 or not self.all_set(self.defined, table, address, quantity):
            return ("exc", 2)
        if fc in (0x05, 0x06, 0x0F, 0x10) and not self.all_set(self.writable, table, address, quantity):
            return ("exc", 2)
        if fc in (0x01, 0x02):
            return ("ok", 2 + (quantity + 7) // 8, None)
        if fc in (0x03, 0x04):
            return ("ok", 2 + 2 * quantity, None)
        if fc in (0x05, 0x06):
            return ("ok", 5, bytes(pdu))
        return ("ok", 5, bytes(pdu[:5]))


def frame_stream(stream):
    """Frames a byte stream as the slave does: (frames, end) with end 'clean', 'partial' or 'close'."""
    frames, offset, total = [], 0, len(stream)
    while True:
        rest = total - offset
        if rest == 0:
            return frames, "clean"
        if rest < 7:
            return frames, "partial"
        protocol = stream[offset + 2] << 8 | stream[offset + 3]
        length = stream[offset + 4] << 8 | stream[offset + 5]
        if protocol != 0 or not 2 <= length <= 254:
            return frames, "close"
        if rest < 6 + length:
            return frames, "partial"
        frames.append(stream[offset:offset + 6 + length])
        offset += 6 + length


class Generator:
    def __init__(self, rng, units):
        self.rng = rng
        self.units = units
        self.unit_ids = [u.unit_id for u in units]
        self.function_counter = 0

    def unit(self):
        r = self.rng.random()
        if r < 0.9:
            return self.rng.choice(self.unit_ids)
        return self.rng.randrange(256)

    def mbap(self, unit, pdu, length=None, protocol=0):
        tid = self.rng.randrange(65536)
        if length is None:
            length = len(pdu) + 1
        return struct.pack(">HHHB", tid, protocol, length & 0xFFFF, unit) + bytes(pdu)

    def valid_pdu(self):
        rng = self.rng
        model = rng.choice(self.units)
        fc = rng.choice(SUPPORTED)
        table = TABLE_OF[fc]
        spots = model.ranges[table]
        writable = [s for s in spots if s[2]]
        pool = writable if fc in (5, 6, 15, 16) and writable and rng.random() < 0.8 else spots
        if pool:
            a, w, _ = rng.choice(pool)
            address = a + rng.randrange(w)
        else:
            address = rng.randrange(65536)
        if fc in (1, 2):
            q = rng.choice((1, 1, 2, 8, 16, rng.randrange(1, 2001)))
            return model.unit_id, struct.pack(">BHH", fc, address, q)
        if fc in (3, 4):
            q = rng.choice((1, 2, 3, 10, rng.randrange(1, 126)))
            return model.unit_id, struct.pack(">BHH", fc, address, q)
        if fc == 5:
            return model.unit_id, struct.pack(">BHH", fc, address, rng.choice((0, 0xFF00)))
        if fc == 6:
            return model.unit_id, struct.pack(">BHH", fc, address, rng.randrange(65536))
        if fc == 15:
            q = rng.choice((1, 2, 8, 9, rng.randrange(1, 1969)))
            nbytes = (q + 7) // 8
            return model.unit_id, struct.pack(">BHHB", fc, address, q, nbytes) + rng.randbytes(nbytes)
        q = rng.choice((1, 2, rng.randrange(1, 124)))
        return model.unit_id, struct.pack(">BHHB", fc, address, q, 2 * q) + rng.randbytes(2 * q)

    def make(self, kind, last=True):
        """One generated frame (bytes) of the given class (`last`: may break the stream)."""
        rng = self.rng
        if kind == "valid":
            unit, pdu = self.valid_pdu()
            return self.mbap(unit, pdu)
        if kind == "mutated":
            unit, pdu = self.valid_pdu()
            pdu = bytearray(pdu)
            for _ in range(rng.randrange(1, 4)):
                m = rng.randrange(9)
                if m == 0:
                    pdu[rng.randrange(len(pdu))] = rng.randrange(256)
                elif m == 1:
                    i = rng.randrange(len(pdu))
                    pdu[i] ^= 1 << rng.randrange(8)
                elif m == 2 and len(pdu) >= 5:
                    q = rng.choice((0, 1, 123, 124, 125, 126, 1968, 1969, 2000, 2001, 0x7FFF, 0xFFFF))
                    pdu[3:5] = struct.pack(">H", q)
                elif m == 3 and len(pdu) >= 3:
                    a = rng.choice((0, 1, 999, 1000, 1001, 1002, 1003, 65534, 65535, rng.randrange(65536)))
                    pdu[1:3] = struct.pack(">H", a)
                elif m == 4 and len(pdu) >= 6:
                    pdu[5] = (pdu[5] + rng.choice((-1, 1, 2, 128))) & 0xFF
                elif m == 5 and len(pdu) > 1:
                    del pdu[rng.randrange(1, len(pdu)):]
                elif m == 6 and len(pdu) < 250:
                    pdu += rng.randbytes(rng.randrange(1, min(20, 253 - len(pdu))))
                elif m == 7:
                    unit = rng.randrange(256)
                else:
                    pdu[0] = rng.choice(SUPPORTED + (0, 7, 8, 0x11, 0x17, 0x2B, 0x80, 0x81, 0x83, 0x90, 0xFF))
            return self.mbap(unit, pdu[:253])
        if kind == "function":
            fc = self.function_counter % 256
            self.function_counter += 1
            pdu = bytes([fc]) + rng.randbytes(rng.choice((0, 1, 4, 4, 5, 8, rng.randrange(0, 40))))
            return self.mbap(self.unit(), pdu)
        if kind == "wrong-length":
            unit, pdu = self.valid_pdu()
            right = len(pdu) + 1
            length = rng.choice((right - 1, right + 1, right + 2, right - 2, rng.randrange(2, 255), 0, 1, 255,
                                 256, 0xFFFF, rng.randrange(65536)))
            return self.mbap(unit, pdu, length=max(0, length))
        if kind == "protocol-id":
            unit, pdu = self.valid_pdu()
            return self.mbap(unit, pdu, protocol=rng.choice((1, 2, 0x0100, 0xFFFF, rng.randrange(1, 65536))))
        if kind == "short":
            unit, pdu = self.valid_pdu()
            frame = self.mbap(unit, pdu)
            return frame[:rng.randrange(1, len(frame))]
        if kind == "long":
            # Longer than any request needs: up to the MBAP maximum (253-byte PDU) or beyond it.
            size = rng.choice((6, 7, 20, 100, 252, 253) + ((254, 300) if last else ()))
            pdu = bytes([rng.choice(SUPPORTED + (rng.randrange(256),))]) + rng.randbytes(size - 1)
            return self.mbap(self.unit(), pdu)
        # random bytes: sometimes with a plausible MBAP start
        blob = bytearray(rng.randbytes(rng.randrange(1, 400)))
        if rng.random() < 0.5 and len(blob) >= 8:
            blob[2:4] = b"\0\0"
            blob[4:6] = struct.pack(">H", min(len(blob) - 6, 254) if rng.random() < 0.7 else rng.randrange(2, 255))
            if rng.random() < 0.7:
                blob[6] = rng.choice(self.unit_ids)
        return bytes(blob)

    # classes that keep the stream framed; the others end an episode
    IN_BAND = ("valid", "mutated", "function", "long")
    WEIGHTS = (("valid", 22), ("mutated", 36), ("function", 20), ("long", 4),
               ("wrong-length", 8), ("protocol-id", 3), ("short", 3), ("random", 4))

    def episode(self, size):
        """A list of (class, frame bytes); only the last may be a stream-breaking class."""
        out = []
        total = sum(w for _, w in self.WEIGHTS)
        for i in range(size):
            r = self.rng.randrange(total)
            for kind, w in self.WEIGHTS:
                r -= w
                if r < 0:
                    break
            if kind not in self.IN_BAND and i != size - 1:
                kind = "mutated"
            elif i == size - 1 and self.rng.random() < 0.3:
                kind = self.rng.choice(("wrong-length", "protocol-id", "short", "random"))
            out.append((kind, self.make(kind, last=i == size - 1)))
        return out


def recv_exact(sock, count, deadline):
    data = bytearray()
    while len(data) < count:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return bytes(data), "timeout"
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(max(65536, count - len(data)))
        except socket.timeout:
            return bytes(data), "timeout"
        except ConnectionResetError:
            return bytes(data), "reset"
        if not chunk:
            return bytes(data), "eof"
        data += chunk
    return bytes(data), "ok"


class Fuzzer:
    def __init__(self, args, units, port, rng):
        self.args = args
        self.units = {u.unit_id: u for u in units}
        self.port = port
        self.rng = rng
        self.gen = Generator(rng, units)
        self.frames = {k: 0 for k in CLASSES}
        self.outcomes = {"normal": 0, "exception 01": 0, "exception 02": 0, "exception 03": 0,
                         "no reply (unknown unit)": 0, "closed by slave": 0, "left partial": 0}
        self.control_reads = 0
        self.control_max = 0.0
        self.last_clock = -1
        self.connects = 0
        self.findings = []

    def connect(self):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=REPLY_TIMEOUT)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.connects += 1
        return s

    def finding(self, text, stream=None):
        if stream is not None:
            path = os.path.join(self.args.out, "finding-%d.hex" % len(self.findings))
            with open(path, "w") as f:
                f.write(stream.hex() + "\n")
            text += " (stream: %s)" % path
        self.findings.append(text)
        print("FINDING: " + text, file=sys.stderr, flush=True)
        if len(self.findings) >= 20:
            raise Finding("too many findings")

    def expected_replies(self, frames):
        """List of (frame, expectation) for frames that must be answered."""
        out = []
        for frame in frames:
            unit = frame[6]
            model = self.units.get(unit)
            if model is None:
                self.outcomes["no reply (unknown unit)"] += 1
                continue
            out.append((frame, model.expect(frame[7:])))
        return out

    def check_replies(self, data, expected, stream):
        offset = 0
        for frame, exp in expected:
            fc = frame[7]
            if exp[0] == "exc":
                want = frame[0:2] + b"\0\0\0\x03" + frame[6:7] + bytes([fc | 0x80, exp[1]])
                got = data[offset:offset + 9]
                if got != want:
                    self.finding("request %s: expected %s, got %s" % (frame.hex(), want.hex(), got.hex()), stream)
                    return False
                self.outcomes["exception %02d" % exp[1]] += 1
                offset += 9
            else:
                length = exp[1]
                got = data[offset:offset + 7 + length]
                head = frame[0:2] + b"\0\0" + struct.pack(">H", length + 1) + frame[6:7]
                good = len(got) == 7 + length and got[:7] == head and got[7] == fc
                if good and exp[2] is not None:
                    good = got[7:] == exp[2]
                elif good:
                    good = got[8] == length - 2
                if not good:
                    self.finding("request %s: expected a normal reply of %d PDU bytes, got %s"
                                 % (frame.hex(), length, got.hex()), stream)
                    return False
                self.outcomes["normal"] += 1
                offset += 7 + length
        return True

    def send_episode(self, worker):
        sock, _ = worker
        episode = self.gen.episode(self.rng.choice((1, 4, 16, 32, 64)))
        stream = b"".join(f for _, f in episode)
        for kind, _ in episode:
            self.frames[kind] += 1
        frames, end = frame_stream(stream)
        expected = self.expected_replies(frames)
        size = sum(9 if e[0] == "exc" else 7 + e[1] for _, e in expected)
        try:
            sock.sendall(stream)
        except OSError:
            pass  # the slave may already have closed on a previous poison frame; checked when reading
        return (stream, expected, size, end, len(episode))

    def collect(self, worker, pending):
        sock, _ = worker
        stream, expected, size, end, _ = pending
        data, how = recv_exact(sock, size, time.monotonic() + REPLY_TIMEOUT)
        if how == "timeout":
            self.finding("no reply within %.0f s (%d of %d reply bytes came)" % (REPLY_TIMEOUT, len(data), size), stream)
            return None
        if how in ("eof", "reset") and len(data) < size:
            self.finding("connection closed after %d of %d reply bytes (stream end: %s)" % (len(data), size, end), stream)
            return None
        if not self.check_replies(data, expected, stream):
            return None
        if end == "close":
            rest, how = recv_exact(sock, 1, time.monotonic() + REPLY_TIMEOUT)
            if how not in ("eof", "reset") or rest:
                self.finding("slave did not close the connection after a bad MBAP header (%s, extra %s)"
                             % (how, rest.hex()), stream)
            self.outcomes["closed by slave"] += 1
            sock.close()
            return self.connect()
        if end == "partial":
            self.outcomes["left partial"] += 1
            sock.close()
            return self.connect()
        return sock

    def control(self, sock, unit):
        """Reads the unit's clock (3 input registers); checks shape, latency and that time never goes back."""
        tid = self.control_reads & 0xFFFF
        request = struct.pack(">HHHBBHH", tid, 0, 6, unit.unit_id, 0x04, unit.clock, 3)
        start = time.monotonic()
        sock.sendall(request)
        data, how = recv_exact(sock, 15, start + REPLY_TIMEOUT)
        elapsed = time.monotonic() - start
        self.control_reads += 1
        self.control_max = max(self.control_max, elapsed)
        want = struct.pack(">HHHBBB", tid, 0, 9, unit.unit_id, 0x04, 6)
        if how != "ok" or data[:9] != want:
            self.finding("control read failed (%s): %s" % (how, data.hex()))
            return False
        seconds, millis = struct.unpack(">IH", data[9:15])
        clock = seconds * 1000 + millis
        if clock < self.last_clock or millis > 999:
            self.finding("control read: clock went from %d ms to %d ms" % (self.last_clock, clock))
        self.last_clock = clock
        if elapsed > CONTROL_LIMIT:
            self.finding("control read took %.3f s (other connections affected)" % elapsed)
        return True

    def run(self, slave):
        args = self.args
        workers = [[self.connect(), None] for _ in range(args.connections)]
        control = self.connect()
        control_unit = next(iter(self.units.values()))
        started = time.monotonic()
        total = 0
        next_report = args.frames // 10 or 1
        while total < args.frames and time.monotonic() - started < args.time_limit:
            pendings = [self.send_episode(w) for w in workers]
            for w, p in zip(workers, pendings):
                total += p[4]
                sock = self.collect(w, p)
                if sock is None:
                    raise Finding("stopping at the first protocol finding")
                w[0] = sock
            if not self.control(control, control_unit):
                raise Finding("control connection broken")
            if slave.poll() is not None:
                raise Finding("slave exited with status %s" % slave.returncode)
            if total >= next_report:
                print("  %d frames, %.1f s" % (total, time.monotonic() - started), file=sys.stderr, flush=True)
                next_report += args.frames // 10 or 1
        self.total = total
        self.elapsed = time.monotonic() - started
        # the slave must still answer: the old control connection and a fresh one
        self.control(control, control_unit)
        fresh = self.connect()
        self.control(fresh, control_unit)
        fresh.close()
        control.close()
        for w in workers:
            w[0].close()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tundish", required=True)
    p.add_argument("--plant", required=True)
    p.add_argument("--frames", type=int, default=50_000)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--connections", type=int, default=6)
    p.add_argument("--time-limit", type=float, default=60.0)
    p.add_argument("--out", default=None, help="folder for the slave log and findings")
    args = p.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1 << 32)
    args.out = args.out or tempfile.mkdtemp(prefix="tundish-fuzz-modbus-")
    os.makedirs(args.out, exist_ok=True)
    print("modbus fuzz: seed %d, %d frames, %d connections, limit %.0f s, out %s"
          % (args.seed, args.frames, args.connections, args.time_limit, args.out), file=sys.stderr, flush=True)
    rng = random.Random(args.seed)
    port = free_port()
    map_path = os.path.join(args.out, "map.json")
    log = open(os.path.join(args.out, "slave.log"), "w")
    slave = subprocess.Popen([args.tundish, "slave", args.plant, "--listen", "127.0.0.1:%d" % port,
                              "--map-json", map_path], stdout=log, stderr=log)
    fuzzer = None
    status = 1
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                if os.path.exists(map_path):
                    break
            except OSError:
                pass
            if slave.poll() is not None or time.monotonic() > deadline:
                print("modbus fuzz: the slave did not start (see %s/slave.log)" % args.out, file=sys.stderr)
                return 2
            time.sleep(0.1)
        with open(map_path) as f:
            units = [UnitModel(u) for u in json.load(f)["units"]]
        fuzzer = Fuzzer(args, units, port, rng)
        try:
            fuzzer.run(slave)
        except Finding as stop:
            fuzzer.findings.append(str(stop))
            fuzzer.total = sum(fuzzer.frames.values())
            fuzzer.elapsed = 0.0
        except OSError as error:
            fuzzer.findings.append("socket error: %s" % error)
            fuzzer.total = sum(fuzzer.frames.values())
            fuzzer.elapsed = 0.0
        if slave.poll() is not None:
            fuzzer.findings.append("slave exited with status %s" % slave.returncode)
        status = 1 if fuzzer.findings else 0
    finally:
        if slave.poll() is None:
            slave.send_signal(signal.SIGINT)
            try:
                slave.wait(10)
            except subprocess.TimeoutExpired:
                slave.kill()
                slave.wait()
        log.close()
    f = fuzzer
    print("  frames by class: " + ", ".join("%s %d" % (k, v) for k, v in f.frames.items()), file=sys.stderr)
    print("  outcomes: " + ", ".join("%s %d" % (k, v) for k, v in f.outcomes.items()), file=sys.stderr)
    print("  control reads %d (slowest %.1f ms), connections opened %d"
          % (f.control_reads, f.control_max * 1000, f.connects), file=sys.stderr)
    rate = f.total / f.elapsed if f.elapsed else 0
    print("modbus fuzz: %d frames in %.1f s (%.0f/s), seed %d, %d findings%s"
          % (f.total, f.elapsed, rate, args.seed, len(f.findings),
             "" if not f.findings else ": " + "; ".join(f.findings[:5])))
    return status


if __name__ == "__main__":
    sys.exit(main())
