/*
 * nexus_validate_cli.c: host front end of the on-device validator
 * (firmware/components/nexus_validate), built as firmware/build/nexus-validate-c.
 *
 *   nexus-validate-c FILE [--budget N] [--tick PC] [--init PC] [--failsafe PC]
 *   nexus-validate-c --batch < LINES
 *
 * FILE is raw bytecode. PCs are byte addresses (decimal or 0x hex); tick
 * defaults to 0, init and failsafe to absent; the budget defaults to
 * NX_DEFAULT_BUDGET. Prints one JSON line:
 *
 *   {"ok":true,"code":null,"pc":null,"wcet":9,"max_stack":2,"errors":0,"warnings":0}
 *
 * code is the first error's code (null when accepted), pc its byte address
 * (null when accepted or for a whole-program error), wcet the tick entry's
 * worst case in cycles (null when not computed: a loop, or validation
 * stopped before the WCET pass), max_stack the deepest stack of any entry,
 * errors and warnings the number of in-scope errors and of V205/V206
 * warnings. Exit status 0 accepted, 1 rejected, 2 usage or input error.
 *
 * --batch reads lines "BUDGET TICK INIT FAILSAFE HEX" from stdin (INIT and
 * FAILSAFE "-" when absent, HEX the code in hex or "-" for none; BUDGET 0
 * is the default) and prints one JSON line per input line, for tests that
 * compare thousands of programs with the Go validator. Exit status 0, or 2
 * on a malformed line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nexus_validate.h"

#define MAX_LINE (2U * NX_MAX_CODE_SIZE + 1024U)

static uint8_t code_buf[NX_MAX_CODE_SIZE];
static uint8_t work_buf[NX_VALIDATE_WORK_SIZE(NX_MAX_CODE_SIZE)];
static char line_buf[MAX_LINE + 2U];

static void usage(void)
{
    fprintf(stderr,
            "usage: nexus-validate-c FILE [--budget N] [--tick PC] [--init PC] [--failsafe PC]\n"
            "       nexus-validate-c --batch < LINES   (each line: BUDGET TICK INIT FAILSAFE HEX)\n"
            "example: nexus-validate-c prog.bin --budget 5000 --failsafe 0x40\n");
}

/* parse_u32 reads a decimal or 0x-hex number that fits in 32 bits. */
static int parse_u32(const char *s, uint32_t *v)
{
    char *end;
    if (s == NULL || *s == '\0' || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 0);
    if (errno != 0 || *end != '\0' || x > 0xFFFFFFFFULL)
        return -1;
    *v = (uint32_t)x;
    return 0;
}

static int parse_entry(const char *s, uint32_t *v)
{
    if (s != NULL && strcmp(s, "-") == 0) {
        *v = NX_NO_ENTRY;
        return 0;
    }
    return parse_u32(s, v);
}

/* Runs the validator on code[0:len] (len may exceed the buffer: such code
 * is rejected by size alone) and prints the JSON line. */
static int validate_and_print(size_t len, const nx_entries *e, uint32_t budget)
{
    nx_validate_result r;
    int rc = nx_validate(code_buf, len, e, budget, work_buf, sizeof work_buf, &r);
    if (rc < 0) {
        fprintf(stderr, "nexus-validate-c: %s\n", nx_validate_strerror(rc));
        return 2;
    }
    printf("{\"ok\":%s,\"code\":", r.ok ? "true" : "false");
    if (r.code != NULL)
        printf("\"%s\"", r.code);
    else
        printf("null");
    if (r.has_pc)
        printf(",\"pc\":%lu", (unsigned long)r.pc);
    else
        printf(",\"pc\":null");
    if (r.wcet_known)
        printf(",\"wcet\":%lu", (unsigned long)r.wcet);
    else
        printf(",\"wcet\":null");
    printf(",\"max_stack\":%lu,\"errors\":%lu,\"warnings\":%lu}\n", (unsigned long)r.max_stack,
           (unsigned long)r.errors, (unsigned long)r.warnings);
    return r.ok ? 0 : 1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int batch(void)
{
    unsigned long lineno = 0;
    while (fgets(line_buf, sizeof line_buf, stdin) != NULL) {
        lineno++;
        size_t l = strlen(line_buf);
        if (l > 0 && line_buf[l - 1U] == '\n')
            line_buf[--l] = '\0';
        else if (!feof(stdin)) {
            fprintf(stderr, "nexus-validate-c: line %lu too long\n", lineno);
            return 2;
        }
        if (l == 0)
            continue;
        char *f[5];
        char *save = line_buf;
        int nf = 0;
        for (char *tok = strtok(save, " \t"); tok != NULL && nf < 5; tok = strtok(NULL, " \t"))
            f[nf++] = tok;
        nx_entries e;
        uint32_t budget;
        if (nf != 5 || parse_u32(f[0], &budget) != 0 || parse_u32(f[1], &e.tick) != 0 ||
            parse_entry(f[2], &e.init) != 0 || parse_entry(f[3], &e.failsafe) != 0) {
            fprintf(stderr, "nexus-validate-c: line %lu: want BUDGET TICK INIT FAILSAFE HEX\n", lineno);
            return 2;
        }
        size_t len = 0;
        if (strcmp(f[4], "-") != 0) {
            size_t hl = strlen(f[4]);
            if (hl % 2U != 0U) {
                fprintf(stderr, "nexus-validate-c: line %lu: bad hex\n", lineno);
                return 2;
            }
            for (size_t i = 0; i < hl / 2U; i++) {
                int hi = hexval(f[4][2U * i]), lo = hexval(f[4][2U * i + 1U]);
                if (hi < 0 || lo < 0) {
                    fprintf(stderr, "nexus-validate-c: line %lu: bad hex\n", lineno);
                    return 2;
                }
                if (i < sizeof code_buf) /* longer code is rejected by its length alone */
                    code_buf[i] = (uint8_t)(hi << 4 | lo);
            }
            len = hl / 2U;
        }
        if (validate_and_print(len, &e, budget) == 2)
            return 2;
    }
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--batch") == 0)
        return batch();
    const char *path = NULL;
    nx_entries e = {.tick = 0U, .init = NX_NO_ENTRY, .failsafe = NX_NO_ENTRY};
    uint32_t budget = 0U;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        uint32_t *dst = NULL;
        if (strcmp(a, "--budget") == 0)
            dst = &budget;
        else if (strcmp(a, "--tick") == 0)
            dst = &e.tick;
        else if (strcmp(a, "--init") == 0)
            dst = &e.init;
        else if (strcmp(a, "--failsafe") == 0)
            dst = &e.failsafe;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage();
            return 0;
        } else if (a[0] == '-' || path != NULL) {
            usage();
            return 2;
        } else {
            path = a;
            continue;
        }
        if (i + 1 >= argc || parse_u32(argv[i + 1], dst) != 0) {
            fprintf(stderr, "nexus-validate-c: %s needs a number\n", a);
            return 2;
        }
        i++;
    }
    if (path == NULL) {
        usage();
        return 2;
    }
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        fprintf(stderr, "nexus-validate-c: %s: %s\n", path, strerror(errno));
        return 2;
    }
    /* Keep the first 64 KiB and count the rest: the length alone decides V101/V102. */
    size_t len = fread(code_buf, 1, sizeof code_buf, fp);
    uint8_t spill[4096];
    size_t more;
    while ((more = fread(spill, 1, sizeof spill, fp)) > 0)
        len += more;
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        fprintf(stderr, "nexus-validate-c: %s: read error\n", path);
        return 2;
    }
    return validate_and_print(len, &e, budget);
}
