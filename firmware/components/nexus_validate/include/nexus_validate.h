/*
 * nexus_validate.h: the on-device re-check of a program before activation (C11).
 *
 * This is the C twin of rules 1-3 and 5 of the Go validator (package
 * validator, spec/validator.md) under the strict policy: structure, control
 * flow, stack discipline, loop freedom and the WCET bound. A program that
 * arrives over the air is checked here before it replaces the running one;
 * the Go validator on the Jetson has already checked everything, and this
 * check makes the node refuse anything it did not.
 *
 * Agreement. nx_validate accepts exactly the programs (code + entries +
 * budget) for which validator.Validate with Options{Policy: Strict, Budget:
 * budget} reports no error with one of the in-scope codes below; when both
 * accept, the WCET of the tick entry and the maximum stack depth are equal.
 * The first error reported is the one the Go validator lists first among its
 * in-scope errors (diagnostics sorted by pc, whole-program ones first).
 * firmware/validate_agree_test.go checks all of this against the Go
 * validator on the test corpora and thousands of random programs.
 *
 *   in scope (errors):   V101 V102 V103 V104 V105 V106 V107 V108 V109
 *                        V201 V202 V203 V204
 *                        V301 V302 V303 V304
 *                        V501 V502
 *   in scope (warnings): V205 V206 (counted, never a rejection)
 *   not re-checked:      V110 (data segments: the loader checks them, see
 *                        nx_vm_load), V401-V404 (rule 4, memory and
 *                        divisors: the VM's run-time checks stay), V601-V604
 *                        (rule 6, manifest: stripped before deployment).
 *   (V207 is reserved by the Go validator and never reported.)
 *
 * Because structural errors stop the Go validator before rules 2-5 and
 * control-flow errors stop it before the stack-depth and WCET checks,
 * nx_validate stops at the same points, and leaving out rules 4 and 6 does
 * not change which in-scope errors exist.
 *
 * One deliberate difference: path lengths saturate at NX_VALIDATE_WCET_SAT
 * (2^32 - 2) instead of 2^64 - 1, and a saturated WCET is rejected (V502)
 * whatever the budget. Only a budget of 2^32 - 2 cycles or more can tell
 * the two apart, and then the device is the stricter one.
 *
 * Resources. No allocation, no recursion, no floating point, no libc: the
 * caller passes a work buffer of NX_VALIDATE_WORK_SIZE(len) bytes (10 bytes
 * per instruction plus 4 for alignment: 80 KiB for the largest program of
 * 8192 instructions, 2.5 KiB for a 256-instruction one). Time is linear in
 * the code length: one decoding pass, one depth-first search claiming each
 * instruction for one function, one over the call graph and one computing
 * longest paths.
 */
#ifndef NEXUS_VALIDATE_H
#define NEXUS_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nexus_isa.h"
#include "nexus_vm.h" /* nx_entries, NX_NO_ENTRY: the same entries the VM loads */

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes of work buffer nx_validate needs for len bytes of code: 10 per
 * instruction (a 16-bit owner word, a 16-bit stack depth, a 16-bit
 * search-stack slot and a 32-bit path length) plus 4 so the buffer need not
 * be aligned. Code that is not a whole number of instructions or is larger
 * than NX_MAX_CODE_SIZE is rejected (V101, V102) without touching the
 * buffer. */
#define NX_VALIDATE_WORK_SIZE(len) ((size_t)(len) / NX_INSN_SIZE * 10U + 4U)

/* Path lengths saturate here; a saturated WCET exceeds every budget. */
#define NX_VALIDATE_WCET_SAT 0xFFFFFFFEU

/* Return codes of nx_validate. */
enum nx_validate_status {
    NX_VALIDATE_OK = 0,         /* accepted */
    NX_VALIDATE_REJECTED = 1,   /* rejected: out->code and out->pc say why */
    NX_VALIDATE_ERR_ARG = -1,   /* a required pointer is NULL */
    NX_VALIDATE_ERR_WORK = -2,  /* work_len < NX_VALIDATE_WORK_SIZE(len) */
};

/* The outcome of nx_validate. */
typedef struct nx_validate_result {
    bool ok;              /* no in-scope error: the program may be activated */
    const char *code;     /* the first error's code ("V201"), NULL when ok */
    bool has_pc;          /* false when ok or for a whole-program error (V101, V102, V109) */
    uint32_t pc;          /* byte address of the instruction the first error is about */
    uint32_t errors;      /* number of in-scope errors (as diagnostics the Go validator reports) */
    uint32_t warnings;    /* number of V205 and V206 warnings */
    bool wcet_known;      /* wcet holds the tick entry's WCET: the WCET pass ran, no loop */
    uint32_t wcet;        /* worst-case cycles of one tick activation (NX_VALIDATE_WCET_SAT: at least that) */
    uint32_t max_stack;   /* deepest stack (values and return addresses) of any entry point */
} nx_validate_result;

/*
 * Checks len bytes of code with the given entry points (NULL: tick 0, no
 * init, no failsafe) against a cycle budget per activation (0: the default,
 * NX_DEFAULT_BUDGET). work is a scratch buffer of at least
 * NX_VALIDATE_WORK_SIZE(len) bytes, any alignment; its contents on return
 * are unspecified. Returns NX_VALIDATE_OK or NX_VALIDATE_REJECTED and fills
 * *out, or a negative nx_validate_status (then *out, if out is not NULL,
 * says not ok with code NULL). code may be NULL when len is 0.
 */
int nx_validate(const uint8_t *code, size_t len, const nx_entries *entries,
                uint32_t budget, void *work, size_t work_len,
                nx_validate_result *out);

/* Returns a constant, lower-case description of an nx_validate return code. */
const char *nx_validate_strerror(int status);

/* Returns a constant one-line description of an in-scope diagnostic code
 * ("V201" -> "control flows into another function"), or "" if unknown.
 * Building with NX_VALIDATE_DESCRIBE=0 drops the table (about 0.8 KiB of
 * flash) and makes this return "": a node reports codes, and the host that
 * deployed the program has the descriptions (spec/validator.md). */
#ifndef NX_VALIDATE_DESCRIBE
#define NX_VALIDATE_DESCRIBE 1
#endif
const char *nx_validate_describe(const char *code);

#ifdef __cplusplus
}
#endif

#endif /* NEXUS_VALIDATE_H */
