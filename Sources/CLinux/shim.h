#ifndef TUNDISH_CLINUX_SHIM_H
#define TUNDISH_CLINUX_SHIM_H
/* Linux interfaces the Glibc Swift module does not export: epoll and eventfd. */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
