/*
 * Load generator for `tundish bench modbus`: N connections, one thread each, each a libmodbus
 * TCP client reading COUNT holding registers in a loop for DURATION seconds after a common
 * start. Prints one line: connections requests errors elapsed_s p50_us p99_us connected.
 * Usage: loadgen HOST PORT CONNECTIONS DURATION_S [COUNT] [UNIT]
 */
#include <errno.h>
#include <modbus/modbus.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SAMPLES_PER_THREAD 4096

static const char *host;
static int port, count, unit;
static double duration;
static pthread_barrier_t barrier;
static volatile int connected_total = 0;

typedef struct {
    long requests, errors, samples;
    double latency_us[SAMPLES_PER_THREAD];
    int connected;
} result_t;

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void *worker(void *arg) {
    result_t *r = arg;
    uint16_t regs[125];
    modbus_t *ctx = modbus_new_tcp(host, port);
    modbus_set_slave(ctx, unit);
    modbus_set_response_timeout(ctx, 5, 0);
    r->connected = modbus_connect(ctx) == 0;
    pthread_barrier_wait(&barrier);
    if (!r->connected) { modbus_free(ctx); return NULL; }
    double end = now_s() + duration;
    long n = 0;
    for (;;) {
        double t0 = now_s();
        if (t0 >= end) break;
        int rc = modbus_read_registers(ctx, 0, count, regs);
        double t1 = now_s();
        if (rc != count) { r->errors++; if (errno == EBADF || errno == ECONNRESET) break; continue; }
        r->requests++;
        /* reservoir-free thinning: keep every k-th latency once the buffer is full */
        if (r->samples < SAMPLES_PER_THREAD) r->latency_us[r->samples++] = (t1 - t0) * 1e6;
        else r->latency_us[n++ % SAMPLES_PER_THREAD] = (t1 - t0) * 1e6;
    }
    modbus_close(ctx);
    modbus_free(ctx);
    return NULL;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: loadgen HOST PORT CONNECTIONS DURATION_S [COUNT] [UNIT]\n"); return 2; }
    host = argv[1]; port = atoi(argv[2]);
    int connections = atoi(argv[3]);
    duration = atof(argv[4]);
    count = argc > 5 ? atoi(argv[5]) : 125;
    unit = argc > 6 ? atoi(argv[6]) : 1;
    pthread_t *threads = calloc(connections, sizeof(pthread_t));
    result_t *results = calloc(connections, sizeof(result_t));
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_barrier_init(&barrier, NULL, connections + 1);
    for (int i = 0; i < connections; i++) pthread_create(&threads[i], &attr, worker, &results[i]);
    pthread_barrier_wait(&barrier);
    double start = now_s();
    for (int i = 0; i < connections; i++) pthread_join(threads[i], NULL);
    double elapsed = now_s() - start;
    long requests = 0, errors = 0, samples = 0;
    int connected = 0;
    for (int i = 0; i < connections; i++) {
        requests += results[i].requests; errors += results[i].errors;
        samples += results[i].samples; connected += results[i].connected;
    }
    double *all = malloc(sizeof(double) * (samples ? samples : 1));
    long k = 0;
    for (int i = 0; i < connections; i++)
        for (long j = 0; j < results[i].samples; j++) all[k++] = results[i].latency_us[j];
    qsort(all, samples, sizeof(double), cmp);
    double p50 = samples ? all[samples / 2] : 0, p99 = samples ? all[(long)(samples * 0.99)] : 0;
    printf("%d %ld %ld %.3f %.1f %.1f %d\n", connections, requests, errors, elapsed, p50, p99, connected);
    return 0;
}
