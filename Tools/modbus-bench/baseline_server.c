/*
 * Baseline for `tundish bench modbus`: the plain libmodbus TCP server as its own examples write
 * it -- one thread, a select() loop, modbus_receive + modbus_reply -- serving 125+ holding
 * registers. Usage: baseline_server PORT [REGISTERS]
 */
#include <errno.h>
#include <modbus/modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 1502;
    int registers = argc > 2 ? atoi(argv[2]) : 200;
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
    modbus_mapping_t *map = modbus_mapping_new(0, 0, registers, 0);
    if (ctx == NULL || map == NULL) return 1;
    for (int i = 0; i < registers; i++) map->tab_registers[i] = (uint16_t)i;
    int server = modbus_tcp_listen(ctx, 1024);
    if (server < 0) { fprintf(stderr, "listen: %s\n", modbus_strerror(errno)); return 1; }
    struct sockaddr_in bound;
    socklen_t length = sizeof bound;
    getsockname(server, (struct sockaddr *)&bound, &length);
    printf("ready %d\n", ntohs(bound.sin_port));
    fflush(stdout);
    fd_set refset, rdset;
    FD_ZERO(&refset);
    FD_SET(server, &refset);
    int fdmax = server;
    uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
    for (;;) {
        rdset = refset;
        if (select(fdmax + 1, &rdset, NULL, NULL, NULL) == -1) return 1;
        for (int fd = 0; fd <= fdmax; fd++) {
            if (!FD_ISSET(fd, &rdset)) continue;
            if (fd == server) {
                int client = accept(server, NULL, NULL);
                if (client == -1) continue;
                if (client >= FD_SETSIZE) { close(client); continue; } /* select cannot watch it */
                FD_SET(client, &refset);
                if (client > fdmax) fdmax = client;
            } else {
                modbus_set_socket(ctx, fd);
                int rc = modbus_receive(ctx, query);
                if (rc > 0) {
                    modbus_reply(ctx, query, rc, map);
                } else if (rc == -1) {
                    close(fd);
                    FD_CLR(fd, &refset);
                }
            }
        }
    }
}
