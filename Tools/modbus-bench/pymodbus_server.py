#!/usr/bin/env python3
"""The pymodbus baseline of `tundish bench modbus`: an asyncio Modbus TCP server (Debian's
python3-pymodbus) serving N holding registers on unit 1 (any unit id answers), as a Python
gateway would. Usage: pymodbus_server.py PORT REGISTERS (PORT 0 picks a free one). Prints
`ready PORT` once listening, like the C baseline."""
import asyncio
import logging
import socket
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import ModbusTcpServer


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def main(port, registers):
    logging.disable(logging.CRITICAL)
    block = ModbusSequentialDataBlock(0, [i % 65536 for i in range(registers + 1)])
    store = ModbusSlaveContext(hr=block, ir=block, co=ModbusSequentialDataBlock(0, [0] * 8),
                               di=ModbusSequentialDataBlock(0, [0] * 8), zero_mode=True)
    context = ModbusServerContext(slaves=store, single=True)
    server = ModbusTcpServer(context, address=("127.0.0.1", port), allow_reuse_address=True, backlog=1024)
    task = asyncio.create_task(server.serve_forever())
    await asyncio.sleep(0.3)
    print(f"ready {port}", flush=True)
    await task


if __name__ == "__main__":
    chosen = int(sys.argv[1]) or free_port()
    asyncio.run(main(chosen, int(sys.argv[2])))
