/*
 * nexus_vm_runner: run a raw NEXUS bytecode file in the C VM and print the
 * final state as the same JSON object as
 *
 *     nexusc run FILE --raw --no-validate --state json [same options]
 *
 * byte for byte (see vm.Report and cmd/nexusc/run.go), so that the golden
 * corpus and the differential fuzzer can compare the two VMs.
 *
 * Usage: nexus-vm-c FILE [--io CH=V]... [--recv V1,V2,...]... [--max-cycles N] [--ticks N]
 *
 * FILE is a bare instruction stream (esp32 profile, tick entry 0). --io sets
 * the value READ_IO returns on channel CH (16..31, also written R16..R31);
 * --recv queues values for RECV; --max-cycles is the per-tick budget
 * (default 100000); --ticks runs N ticks (default 1) keeping data memory,
 * draining the send queue after each tick and stopping after a tick that
 * traps. Values are 32-bit, signed or unsigned, decimal, 0x hex, 0b binary
 * (or 0o / leading-0 octal, as Go's strconv with base 0). --raw,
 * --no-validate, --profile esp32 and --state json are accepted for
 * command-line compatibility with nexusc and change nothing.
 *
 * Exit status: 0 halted or budget exhausted, 1 the (last) tick trapped, 2
 * usage or input error. This is a host tool: unlike the VM it uses libc and
 * the heap (for the unbounded lists of sends and IO writes).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nexus_vm.h"

static const char usage_text[] =
    "usage: nexus-vm-c FILE [--io CH=V]... [--recv V1,V2,...] [--max-cycles N] [--ticks N]\n";

static int usage_error(const char *fmt, const char *arg) {
    fputs("nexus-vm-c: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(usage_text, stderr);
    return 2;
}

/* ---- number parsing, as Go's strconv.ParseInt/ParseUint with base 0 ---- */

/* Parses an unsigned magnitude with an optional base prefix (0x, 0b, 0o,
 * or a leading 0 for octal). Underscores are not accepted. Returns false on
 * syntax error or overflow of uint64. */
static bool parse_magnitude(const char *s, uint64_t *out) {
    unsigned base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    } else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
        base = 2;
        s += 2;
    } else if (s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) {
        base = 8;
        s += 2;
    } else if (s[0] == '0' && s[1] != '\0') {
        base = 8;
        s += 1;
    }
    if (*s == '\0') {
        return false;
    }
    uint64_t v = 0;
    for (; *s != '\0'; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9') {
            d = (unsigned)(*s - '0');
        } else if (*s >= 'a' && *s <= 'f') {
            d = (unsigned)(*s - 'a') + 10;
        } else if (*s >= 'A' && *s <= 'F') {
            d = (unsigned)(*s - 'A') + 10;
        } else {
            return false;
        }
        if (d >= base || v > (UINT64_MAX - d) / base) {
            return false;
        }
        v = v * base + d;
    }
    *out = v;
    return true;
}

/* Copies s without leading and trailing blanks into buf (size n). */
static const char *trim(const char *s, char *buf, size_t n) {
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f') {
        s++;
    }
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r' ||
                       s[len - 1] == '\v' || s[len - 1] == '\f')) {
        len--;
    }
    if (len >= n) {
        len = n - 1;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    return buf;
}

/* A 32-bit value written signed or unsigned: -2147483648..4294967295. */
static bool parse_value(const char *s, uint32_t *out) {
    bool neg = false;
    if (*s == '+' || *s == '-') {
        neg = *s == '-';
        s++;
    }
    uint64_t m;
    if (!parse_magnitude(s, &m)) {
        return false;
    }
    if (neg ? m > 0x80000000U : m > 0xFFFFFFFFU) {
        return false;
    }
    *out = neg ? (uint32_t)(0U - (uint32_t)m) : (uint32_t)m;
    return true;
}

/* An unsigned count (strconv.ParseUint: no sign) or, with sign, a
 * non-negative strconv.ParseInt value. */
static bool parse_count(const char *s, bool sign, uint64_t max, uint64_t *out) {
    if (sign && *s == '+') {
        s++;
    }
    return parse_magnitude(s, out) && *out <= max;
}

/* ---- growable lists (host only) ---- */

typedef struct {
    uint32_t (*pairs)[2];
    size_t n, cap;
} pair_list;

static void pair_add(pair_list *l, uint32_t a, uint32_t b) {
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->pairs = realloc(l->pairs, l->cap * sizeof *l->pairs);
        if (l->pairs == NULL) {
            fputs("nexus-vm-c: out of memory\n", stderr);
            exit(2);
        }
    }
    l->pairs[l->n][0] = a;
    l->pairs[l->n][1] = b;
    l->n++;
}

/* ---- the HAL: fixed inputs, recorded writes ---- */

typedef struct {
    uint32_t inputs[NX_NUM_REGS];
    pair_list writes;
} recording_io;

static uint32_t io_read(void *user, uint8_t ch) { return ((recording_io *)user)->inputs[ch & 31U]; }

static void io_write(void *user, uint8_t ch, uint32_t v) { pair_add(&((recording_io *)user)->writes, ch, v); }

/* ---- output ---- */

static void print_list_pairs(const pair_list *l) {
    for (size_t k = 0; k < l->n; k++) {
        printf("%s[%" PRIu32 ",%" PRIu32 "]", k ? "," : "", l->pairs[k][0], l->pairs[k][1]);
    }
}

static void report(nx_vm *vm, const nx_tick_result *res, const pair_list *sent, const pair_list *writes) {
    uint32_t regs[NX_NUM_REGS] = {0};
    bool zero, negative;
    uint32_t pc = res->tick.pc;
    uint64_t cycles = res->tick.cycles;
    bool halted = res->tick.stop == NX_STOP_HALTED;
    int trap = res->tick.trap;
    uint32_t depth;
    if (res->failsafe_ran) {
        /* Report the tick as it failed, like nexusc run. */
        for (unsigned k = 0; k < NX_NUM_GP_REGS; k++) {
            regs[k] = res->snapshot.regs[k];
        }
        zero = res->snapshot.zero;
        negative = res->snapshot.negative;
        depth = 0; /* contents not kept: a raw program has no failsafe entry anyway */
    } else {
        for (unsigned k = 0; k < NX_NUM_GP_REGS; k++) {
            regs[k] = nx_vm_reg(vm, k);
        }
        zero = nx_vm_flag_zero(vm);
        negative = nx_vm_flag_negative(vm);
        depth = nx_vm_stack_depth(vm);
    }
    printf("{\"pc\":%" PRIu32 ",\"cycles\":%" PRIu64 ",\"halted\":%s,\"trap\":", pc, cycles, halted ? "true" : "false");
    if (trap == NX_TRAP_NONE) {
        fputs("null", stdout);
    } else {
        printf("\"%s\"", nx_trap_name(trap));
    }
    fputs(",\"registers\":[", stdout);
    for (unsigned k = 0; k < NX_NUM_REGS; k++) {
        printf("%s%" PRIu32, k ? "," : "", regs[k]);
    }
    printf("],\"flags\":{\"zero\":%s,\"negative\":%s},\"stack\":[", zero ? "true" : "false",
           negative ? "true" : "false");
    for (uint32_t k = 0; k < depth; k++) {
        printf("%s%" PRIu32, k ? "," : "", nx_vm_stack_at(vm, k));
    }
    fputs("],\"sent\":[", stdout);
    print_list_pairs(sent);
    fputs("],\"writes\":[", stdout);
    print_list_pairs(writes);
    fputs("]}\n", stdout);
}

/* ---- main ---- */

static nx_vm vm; /* static, as on a device: about 70 KiB */
static uint8_t code[NX_MAX_CODE_SIZE + 1];
static uint32_t queued[NX_CFG_QUEUE_CAP + 1];

/* Returns the value of option name at argv[*i]: "--name=V" or "--name V". */
static const char *option_value(int argc, char **argv, int *i, const char *name, bool *matched) {
    size_t n = strlen(name);
    const char *a = argv[*i];
    *matched = false;
    if (strncmp(a, name, n) != 0 || (a[n] != '\0' && a[n] != '=')) {
        return NULL;
    }
    *matched = true;
    if (a[n] == '=') {
        return a + n + 1;
    }
    if (*i + 1 >= argc) {
        return NULL;
    }
    (*i)++;
    return argv[*i];
}

int main(int argc, char **argv) {
    static recording_io rio;
    const char *file = NULL;
    uint64_t budget = NX_DEFAULT_BUDGET, ticks = 1;
    size_t nqueued = 0;
    bool dashdash = false;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool m;
        const char *v;
        char buf[128];
        if (dashdash || a[0] != '-' || a[1] == '\0') {
            if (file != NULL) {
                return usage_error("expected one input file, got more than one (%s)", a);
            }
            file = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            dashdash = true;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (strcmp(a, "--raw") == 0 || strcmp(a, "--no-validate") == 0) {
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--io", &m)) != NULL || m) {
            if (v == NULL) {
                return usage_error("flag needs an argument: %s", a);
            }
            const char *eq = strchr(v, '=');
            if (eq == NULL) {
                return usage_error("--io %s: expected CH=VALUE, e.g. 16=42", v);
            }
            char key[64];
            size_t kl = (size_t)(eq - v) < sizeof key ? (size_t)(eq - v) : sizeof key - 1;
            memcpy(key, v, kl);
            key[kl] = '\0';
            const char *k = trim(key, buf, sizeof buf);
            if (*k == 'R') {
                k++;
            }
            if (*k == 'r') {
                k++;
            }
            uint64_t ch;
            if (!parse_count(k, false, 255, &ch) || ch < NX_FIRST_IO_CHANNEL || ch > NX_LAST_IO_CHANNEL) {
                return usage_error("--io %s: channel must be 16..31", v);
            }
            char vb[128];
            uint32_t val;
            if (!parse_value(trim(eq + 1, vb, sizeof vb), &val)) {
                return usage_error("--io %s: value is not a 32-bit integer (expected -2147483648..4294967295, "
                                   "decimal, 0x or 0b)",
                                   v);
            }
            rio.inputs[ch] = val;
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--recv", &m)) != NULL || m) {
            if (v == NULL) {
                return usage_error("flag needs an argument: %s", a);
            }
            /* comma-separated; an empty argument queues nothing */
            const char *p = v;
            while (*v != '\0') {
                const char *c = strchr(p, ',');
                size_t l = c ? (size_t)(c - p) : strlen(p);
                char item[128];
                if (l >= sizeof item) {
                    l = sizeof item - 1;
                }
                memcpy(item, p, l);
                item[l] = '\0';
                uint32_t val;
                if (!parse_value(trim(item, buf, sizeof buf), &val)) {
                    return usage_error("--recv: %s is not a 32-bit integer (expected -2147483648..4294967295, "
                                       "decimal, 0x or 0b)",
                                       item);
                }
                if (nqueued == NX_CFG_QUEUE_CAP) {
                    return usage_error("--recv: the receive queue is full after %s values", "256");
                }
                queued[nqueued++] = val;
                if (c == NULL) {
                    break;
                }
                p = c + 1;
            }
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--max-cycles", &m)) != NULL || m) {
            if (v == NULL) {
                return usage_error("flag needs an argument: %s", a);
            }
            if (!parse_count(v, false, UINT64_MAX, &budget)) {
                return usage_error("--max-cycles %s: not a cycle count", v);
            }
            if (budget < 1) {
                return usage_error("--max-cycles must be at least 1%s", "");
            }
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--ticks", &m)) != NULL || m) {
            if (v == NULL) {
                return usage_error("flag needs an argument: %s", a);
            }
            if (!parse_count(v, true, INT64_MAX, &ticks) || ticks < 1) {
                return usage_error("--ticks must be at least 1, not %s", v);
            }
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--profile", &m)) != NULL || m) {
            if (v == NULL || strcmp(v, "esp32") != 0) {
                return usage_error("--profile: the C VM implements only esp32, not %s", v ? v : "(missing)");
            }
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--state", &m)) != NULL || m) {
            if (v == NULL || strcmp(v, "json") != 0) {
                return usage_error("--state: only json is supported, not %s", v ? v : "(missing)");
            }
            continue;
        }
        return usage_error("unknown flag: %s", a);
    }
    if (file == NULL) {
        return usage_error("expected one input file, got %s", "none");
    }

    FILE *f = fopen(file, "rb");
    if (f == NULL) {
        fprintf(stderr, "nexus-vm-c: %s: cannot read file: %s\n", file, strerror(errno));
        return 2;
    }
    size_t len = fread(code, 1, sizeof code, f);
    bool read_err = ferror(f) != 0;
    fclose(f);
    if (read_err) {
        fprintf(stderr, "nexus-vm-c: %s: cannot read file\n", file);
        return 2;
    }
    if (len > NX_MAX_CODE_SIZE) {
        fprintf(stderr, "nexus-vm-c: %s: code is more than %u bytes\n", file, (unsigned)NX_MAX_CODE_SIZE);
        return 2;
    }
    int st = nx_vm_load(&vm, code, (uint32_t)len, NULL, 0, NULL);
    if (st != NX_OK) {
        fprintf(stderr, "nexus-vm-c: %s: %s (a bare instruction stream is a sequence of 8-byte instructions, at "
                        "most %u bytes)\n",
                file, nx_strerror(st), (unsigned)NX_MAX_CODE_SIZE);
        return 2;
    }
    nx_hal hal = {io_read, io_write, &rio};
    nx_vm_set_hal(&vm, &hal);
    nx_vm_set_budget(&vm, budget);
    for (size_t k = 0; k < nqueued; k++) {
        nx_vm_push_recv(&vm, queued[k]); /* cannot fail: nqueued <= capacity */
    }

    pair_list sent = {0};
    nx_tick_result res;
    for (uint64_t t = 0; t < ticks; t++) {
        nx_vm_tick(&vm, &res);
        nx_send s;
        while (nx_vm_pop_send(&vm, &s)) {
            pair_add(&sent, s.channel, s.value);
        }
        if (res.tick.stop == NX_STOP_TRAP) {
            break;
        }
    }
    report(&vm, &res, &sent, &rio.writes);
    free(sent.pairs);
    free(rio.writes.pairs);
    return res.tick.stop == NX_STOP_TRAP ? 1 : 0;
}
