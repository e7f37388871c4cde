/*
 * Event-driven load generator for `tundish bench modbus` (the default client): one thread, N
 * non-blocking connections multiplexed with epoll, each with one request outstanding at a time
 * (read COUNT holding registers, then the next as soon as the reply is complete), for DURATION
 * seconds. Frames are written by hand (MBAP + function 3) so the client spends no thread switch
 * per request: at 1,000 connections a thread-per-connection client measures its own scheduler,
 * this one measures the server. Prints the same line as loadgen:
 *   connections requests errors elapsed_s p50_us p99_us connected
 * Usage: loadgen_epoll HOST PORT CONNECTIONS DURATION_S [COUNT] [UNIT]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_SAMPLES (1 << 20)

typedef struct {
    int fd;
    uint16_t tid;
    int got, want;
    double sent_at;
    uint8_t buf[512];
} conn_t;

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int send_request(conn_t *c, int count, int unit) {
    uint8_t q[12];
    c->tid++;
    q[0] = c->tid >> 8; q[1] = c->tid & 0xff; q[2] = 0; q[3] = 0; q[4] = 0; q[5] = 6;
    q[6] = (uint8_t)unit; q[7] = 3; q[8] = 0; q[9] = 0; q[10] = count >> 8; q[11] = count & 0xff;
    c->got = 0;
    c->want = 9 + 2 * count;
    c->sent_at = now_s();
    return send(c->fd, q, sizeof q, MSG_NOSIGNAL) == (ssize_t)sizeof q ? 0 : -1;
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: loadgen_epoll HOST PORT CONNECTIONS DURATION_S [COUNT] [UNIT]\n"); return 2; }
    const char *host = argv[1];
    int port = atoi(argv[2]), n = atoi(argv[3]);
    double duration = atof(argv[4]);
    int count = argc > 5 ? atoi(argv[5]) : 125, unit = argc > 6 ? atoi(argv[6]) : 1;
    conn_t *conns = calloc(n, sizeof(conn_t));
    double *lat = malloc(sizeof(double) * MAX_SAMPLES);
    int ep = epoll_create1(0), connected = 0;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, host, &addr.sin_addr);
    for (int i = 0; i < n; i++) {
        conns[i].fd = -1;
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) { if (fd >= 0) close(fd); continue; }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
        conns[i].fd = fd;
        connected++;
    }
    long requests = 0, errors = 0, samples = 0, seen = 0;
    int outstanding = 0;
    double start = now_s(), end = start + duration;
    for (int i = 0; i < n; i++)
        if (conns[i].fd >= 0) { if (send_request(&conns[i], count, unit) == 0) outstanding++; else errors++; }
    struct epoll_event events[256];
    while (outstanding > 0) {
        double now = now_s();
        if (now > end + 5) break; /* replies that never come: counted as errors below */
        int k = epoll_wait(ep, events, 256, 100);
        for (int e = 0; e < k; e++) {
            conn_t *c = &conns[events[e].data.u32];
            ssize_t r = recv(c->fd, c->buf + c->got, sizeof c->buf - c->got, 0);
            if (r <= 0) {
                if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
                epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                close(c->fd); c->fd = -1; outstanding--; errors++;
                continue;
            }
            c->got += (int)r;
            if (c->got >= 9 && (c->buf[7] & 0x80)) c->want = 9; /* exception reply */
            if (c->got < c->want) continue;
            double t = now_s();
            int ok = c->got == c->want && c->buf[7] == 3 && ((c->buf[0] << 8) | c->buf[1]) == c->tid;
            if (ok) {
                requests++;
                double us = (t - c->sent_at) * 1e6;
                if (samples < MAX_SAMPLES) lat[samples++] = us; else lat[seen % MAX_SAMPLES] = us;
                seen++;
            } else errors++;
            if (t < end && send_request(c, count, unit) == 0) continue;
            outstanding--;
        }
    }
    errors += outstanding;
    double elapsed = now_s() - start;
    qsort(lat, samples, sizeof(double), cmp);
    double p50 = samples ? lat[samples / 2] : 0, p99 = samples ? lat[(long)(samples * 0.99)] : 0;
    printf("%d %ld %ld %.3f %.1f %.1f %d\n", n, requests, errors, elapsed, p50, p99, connected);
    for (int i = 0; i < n; i++) if (conns[i].fd >= 0) close(conns[i].fd);
    return 0;
}
