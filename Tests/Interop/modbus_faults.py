"""Observes each protocol fault of modbus-faults.yaml with pymodbus and raw sockets; returns what
was seen per window. Timing comes from the slave's plant-time clock (input registers 1000..1002),
which the faults (scoped to holding registers) leave alone."""
import socket
import struct
import time

from pymodbus.client import ModbusTcpClient

from modbus_peer import clock_ms, decode, read, unit_kw

# MW_Q_IN of the aluminium line: float32 ABCD at holding registers 10..11 (after AF1_MELT_T,
# AF1_TILT_ANG, AF1_HYD_P, LD_LVL_OUT, LD_LVL_TBL; MW_P_IN is moved to input registers by the plant
# file). `tundish points Scenarios/plants/aluminium-casting.yaml` shows it.
FLOW = 10


def client(host, port, timeout=1.5):
    c = ModbusTcpClient(host, port=port, timeout=timeout, retries=0)
    c.connect()
    return c


def wait_until(clock, unit, ms):
    while True:
        now = clock_ms(clock, unit)
        if now is not None and now >= ms:
            return now
        time.sleep(0.05)


def probe(host, port, unit):
    """One read of MW_Q_IN on a fresh connection: value (ABCD and CDAB decodings) or error, latency."""
    c = client(host, port)
    started = time.monotonic()
    try:
        words, error = read(c, "holdingRegisters", FLOW, 2, unit)
    except Exception as exc:  # pymodbus raises on closed connections / garbage in some versions
        words, error = None, type(exc).__name__
    latency = time.monotonic() - started
    c.close()
    if words is None:
        return {"error": error, "latency": latency}
    return {"abcd": decode(words, "float32", "ABCD", 1, 0), "cdab": decode(words, "float32", "CDAB", 1, 0),
            "latency": latency}


def raw_exception(host, port, unit, pdu):
    """Sends one raw request; returns the exception code of the reply, or None."""
    s = socket.create_connection((host, port), timeout=1.5)
    s.sendall(struct.pack(">HHHB", 9, 0, len(pdu) + 1, unit) + bytes(pdu))
    try:
        reply = s.recv(64)
    except socket.timeout:
        reply = b""
    s.close()
    return reply[8] if len(reply) >= 9 and reply[7] & 0x80 else None


def faults(host, port, unit):
    clock = client(host, port, timeout=3)
    seen = {}
    wait_until(clock, unit, 500)
    seen["healthy"] = probe(host, port, unit)
    seen["illegalAddress"] = raw_exception(host, port, unit, [0x03, 0x7F, 0x00, 0x00, 0x01])
    seen["illegalFunction"] = raw_exception(host, port, unit, [0x2B, 0x0E, 0x01, 0x00])
    seen["illegalValue"] = raw_exception(host, port, unit, [0x03, 0x00, 0x00, 0x00, 0x7E])
    seen["readOnlyWrite"] = raw_exception(host, port, unit, [0x06, 0x00, 0x00, 0x00, 0x01])
    unknown = client(host, port, timeout=0.8)
    seen["unknownUnit"] = _try(unknown, 99)
    unknown.close()
    wait_until(clock, unit, 3500)
    seen["exception"] = probe(host, port, unit)
    wait_until(clock, unit, 6500)
    seen["noReply"] = probe(host, port, unit)
    wait_until(clock, unit, 8500)
    first = probe(host, port, unit)
    wait_until(clock, unit, 10500)
    seen["freeze"] = {"first": first, "second": probe(host, port, unit)}
    wait_until(clock, unit, 12500)
    seen["wordOrderSwap"] = probe(host, port, unit)
    wait_until(clock, unit, 15200)
    seen["delay"] = probe(host, port, unit)
    wait_until(clock, unit, 18000)
    seen["splitFrame"] = probe(host, port, unit)
    wait_until(clock, unit, 21000)
    seen["garbage"] = probe(host, port, unit)
    wait_until(clock, unit, 24000)
    seen["dropConnection"] = probe(host, port, unit)
    wait_until(clock, unit, 27000)
    s = socket.create_connection((host, port), timeout=1.5)
    try:
        seen["refused"] = s.recv(1) == b""
    except (ConnectionResetError, socket.timeout):
        seen["refused"] = True
    s.close()
    wait_until(clock, unit, 30500)
    seen["after"] = probe(host, port, unit)
    clock.close()
    return seen


def _try(c, unit):
    try:
        words, error = read(c, "holdingRegisters", 0, 1, unit)
        return "answered" if words is not None else error
    except Exception as exc:
        return type(exc).__name__
