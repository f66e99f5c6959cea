/*
 * nexus_vm_bench: nanoseconds per executed instruction of the C VM on the
 * Go VM's benchmark programs (vm/bench_test.go), for bench/README.md.
 *
 * Usage: nexus-vm-bench PROG.bin... (as `make -C firmware bench` runs it)
 *
 * PROG.bin is a raw instruction stream; PROG.dat, if present, is data
 * loaded at address 0. Both are written by `go test ./firmware -run
 * TestWriteBenchPrograms`, from the same instruction sequences as the Go
 * benchmarks. Each program runs one tick per iteration (as BenchmarkVM
 * does) for at least a second, after a warm-up; the figure is wall time
 * divided by executed instructions (cycles).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "nexus_vm.h"

static nx_vm vm;
static uint8_t code[NX_MAX_CODE_SIZE + 1];
static uint8_t data[NX_CFG_MEM_SIZE + 1];

static size_t read_file(const char *path, uint8_t *buf, size_t cap) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return 0;
    }
    size_t n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

static double now_ns(void) {
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs("usage: nexus-vm-bench PROG.bin...\n", stderr);
        return 2;
    }
    for (int a = 1; a < argc; a++) {
        const char *path = argv[a];
        size_t clen = read_file(path, code, sizeof code);
        char dpath[4096];
        size_t pl = strlen(path);
        if (pl < 4 || pl >= sizeof dpath) {
            fprintf(stderr, "%s: bad name\n", path);
            return 2;
        }
        memcpy(dpath, path, pl - 4);
        memcpy(dpath + pl - 4, ".dat", 5);
        size_t dlen = read_file(dpath, data, sizeof data);
        nx_segment seg = {0, (uint32_t)dlen, data};
        int st = nx_vm_load(&vm, code, (uint32_t)clen, &seg, dlen ? 1 : 0, NULL);
        if (st != NX_OK || clen == 0) {
            fprintf(stderr, "%s: %s\n", path, clen ? nx_strerror(st) : "cannot read");
            return 2;
        }
        nx_vm_set_budget(&vm, (uint64_t)1 << 40);
        for (int k = 0; k < 20; k++) { /* warm-up */
            nx_vm_tick(&vm, NULL);
        }
        uint64_t insns = 0, iters = 0;
        double t0 = now_ns(), t = t0;
        while (t - t0 < 1e9) {
            for (int k = 0; k < 50; k++) {
                nx_tick_result r;
                if (nx_vm_tick(&vm, &r) != NX_STOP_HALTED) {
                    fprintf(stderr, "%s: did not halt (stop %d trap %s)\n", path, (int)r.tick.stop,
                            nx_trap_name(r.tick.trap));
                    return 1;
                }
                insns += r.tick.cycles;
                iters++;
            }
            t = now_ns();
        }
        const char *name = strrchr(path, '/');
        name = name ? name + 1 : path;
        printf("%-12.*s %8.3f ns/insn  %8llu insns/tick  %8llu ticks\n", (int)(strlen(name) - 4), name,
               (t - t0) / (double)insns, (unsigned long long)(insns / iters), (unsigned long long)iters);
    }
    return 0;
}
