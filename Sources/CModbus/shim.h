#ifndef TUNDISH_CMODBUS_SHIM_H
#define TUNDISH_CMODBUS_SHIM_H
#include <modbus/modbus.h>
#endif
