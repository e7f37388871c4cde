#!/usr/bin/env python3
"""Independent Modbus peer for Tundish's interop tests: reads a running `tundish slave` with
pymodbus (Debian's python3-pymodbus 3.0 or pip's 3.x) and with mbpoll, decoding every point from
the register map that `tundish points --format json` exports -- our own decoder is not used.

  modbus_peer.py values HOST PORT POINTS_JSON... --rounds N      -> JSON lines of readings
  modbus_peer.py faults HOST PORT UNIT                          -> JSON object of observations

Each reading carries the plant-time clock read just before and just after it (input registers
1000..1002: uint32 seconds ABCD + uint16 milliseconds), so the caller can compare it with the
engine's trace within one sampling period.
"""
import json
import socket
import struct
import subprocess
import sys
import time

from pymodbus.client import ModbusTcpClient

CLOCK = 1000


def unit_kw(client):
    """pymodbus 3.0 calls the unit id `slave`, 3.9+ `device_id`."""
    import inspect
    params = inspect.signature(client.read_holding_registers).parameters
    return "device_id" if "device_id" in params else "slave"


def read(client, table, address, count, unit):
    kw = {unit_kw(client): unit}
    if table == "holdingRegisters":
        rr = client.read_holding_registers(address, count=count, **kw)
    elif table == "inputRegisters":
        rr = client.read_input_registers(address, count=count, **kw)
    elif table == "discreteInputs":
        rr = client.read_discrete_inputs(address, count=count, **kw)
    else:
        rr = client.read_coils(address, count=count, **kw)
    if rr.isError():
        return None, getattr(rr, "exception_code", -1)
    if table in ("discreteInputs", "coils"):
        return [int(b) for b in rr.bits[:count]], None
    return list(rr.registers), None


def to_bytes(words):
    return b"".join(struct.pack(">H", w) for w in words)


def decode(words, kind, order, scale, offset):
    """Engineering value from registers; 32-bit orders name where bytes A..D (MSB..LSB) land."""
    if kind == "bit":
        return float(words[0])
    if kind in ("int16", "uint16"):
        raw = struct.unpack(">h" if kind == "int16" else ">H", to_bytes(words[:1]))[0]
        return raw * scale + offset
    r0, r1 = to_bytes(words[:1]), to_bytes(words[1:2])
    abcd = {
        "ABCD": r0 + r1,
        "CDAB": r1 + r0,
        "BADC": r0[::-1] + r1[::-1],
        "DCBA": r1[::-1] + r0[::-1],
    }[order]
    fmt = {"int32": ">i", "uint32": ">I", "float32": ">f"}[kind]
    return struct.unpack(fmt, abcd)[0] * scale + offset


def clock_ms(client, unit):
    words, error = read(client, "inputRegisters", CLOCK, 3, unit)
    if words is None:
        return None
    return (words[0] << 16 | words[1]) * 1000 + words[2]


def values(host, port, documents, rounds):
    client = ModbusTcpClient(host, port=port, timeout=3)
    client.connect()
    for _ in range(rounds):
        for doc in documents:
            unit = doc["unitId"]
            for point in doc["points"]:
                reg = point["register"]
                width = 2 if reg["type"] in ("int32", "uint32", "float32") else 1
                before = clock_ms(client, unit)
                words, error = read(client, reg["table"], reg["address"], width, unit)
                after = clock_ms(client, unit)
                value = None if words is None else decode(
                    words, reg["type"], reg["wordOrder"], reg["scale"], reg["offset"])
                print(json.dumps({"peer": "pymodbus", "plant": doc["enterprise"]["code"], "code": point["code"],
                                  "type": reg["type"], "order": reg["wordOrder"], "scale": reg["scale"],
                                  "fromMs": before, "toMs": after, "value": value, "exception": error}))
        mbpoll_round(host, port, documents)
        time.sleep(0.3)
    client.close()


MBPOLL_TABLE = {"holdingRegisters": "4:hex", "inputRegisters": "3:hex", "discreteInputs": "1", "coils": "0"}


def mbpoll_round(host, port, documents):
    """Reads each point once with mbpoll (raw registers, -r is 1-based), decoded here."""
    client = ModbusTcpClient(host, port=port, timeout=3)
    client.connect()
    for doc in documents:
        unit = doc["unitId"]
        for point in doc["points"]:
            reg = point["register"]
            width = 2 if reg["type"] in ("int32", "uint32", "float32") else 1
            before = clock_ms(client, unit)
            out = subprocess.run(
                ["mbpoll", "-m", "tcp", "-p", str(port), "-a", str(unit), "-t", MBPOLL_TABLE[reg["table"]],
                 "-r", str(reg["address"] + 1), "-c", str(width), "-1", host],
                capture_output=True, text=True, timeout=10).stdout
            after = clock_ms(client, unit)
            words = [int(line.split(":", 1)[1].strip(), 0) for line in out.splitlines()
                     if line.startswith("[") and ":" in line]
            value = decode(words, reg["type"], reg["wordOrder"], reg["scale"], reg["offset"]) \
                if len(words) == width else None
            print(json.dumps({"peer": "mbpoll", "plant": doc["enterprise"]["code"], "code": point["code"],
                              "type": reg["type"], "order": reg["wordOrder"], "scale": reg["scale"],
                              "fromMs": before, "toMs": after, "value": value, "exception": None}))
    client.close()


if __name__ == "__main__":
    mode, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "values":
        rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
        files = [a for a in sys.argv[4:] if a.endswith(".json")]
        docs = [json.load(open(f)) for f in files]
        values(host, port, docs, rounds)
    else:
        from modbus_faults import faults
        print(json.dumps(faults(host, port, int(sys.argv[4]))))
