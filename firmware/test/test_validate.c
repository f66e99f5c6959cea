/*
 * test_validate.c: host unit tests of nexus_validate, run by
 * `make -C firmware test` under AddressSanitizer and UBSan.
 *
 * Each test encodes a few instructions with P(...) (the accepted and
 * rejected examples of spec/validator.md among them), validates them and
 * checks the verdict, the first error's code and pc, the WCET and the
 * maximum stack depth. Agreement with the Go validator on whole corpora and
 * random programs is checked by firmware/validate_agree_test.go; these tests
 * pin the API (arguments, work buffer size and alignment, reuse), the
 * limits (largest program, deepest stack, saturating WCET) and the order of
 * the first error.
 */
#include <stdio.h>
#include <string.h>

#include "nexus_validate.h"
#include "check.h"

#define MAX_INSNS (NX_MAX_CODE_SIZE / NX_INSN_SIZE)

static uint8_t prog[NX_MAX_CODE_SIZE + NX_INSN_SIZE];
static uint32_t plen;
/* One spare byte in front so that the buffer can be passed misaligned. */
static uint8_t work[NX_VALIDATE_WORK_SIZE(NX_MAX_CODE_SIZE + NX_INSN_SIZE) + 1];
static nx_validate_result res;

static void begin(const char *name)
{
    current = name;
    plen = 0;
}

/* Appends one instruction; returns its byte address. */
static uint32_t P(unsigned op, unsigned rd, unsigned rs1, unsigned rs2, uint32_t imm)
{
    uint8_t *p = &prog[plen];
    p[0] = (uint8_t)op;
    p[1] = (uint8_t)rd;
    p[2] = (uint8_t)rs1;
    p[3] = (uint8_t)rs2;
    p[4] = (uint8_t)imm;
    p[5] = (uint8_t)(imm >> 8);
    p[6] = (uint8_t)(imm >> 16);
    p[7] = (uint8_t)(imm >> 24);
    plen += NX_INSN_SIZE;
    return plen - NX_INSN_SIZE;
}

/* Patches the imm field of the instruction at byte address at. */
static void patch(uint32_t at, uint32_t imm)
{
    prog[at + 4] = (uint8_t)imm;
    prog[at + 5] = (uint8_t)(imm >> 8);
    prog[at + 6] = (uint8_t)(imm >> 16);
    prog[at + 7] = (uint8_t)(imm >> 24);
}

static int run_with(const nx_entries *e, uint32_t budget)
{
    /* Stale contents must not matter. */
    memset(work, 0xA5, sizeof work);
    return nx_validate(prog, plen, e, budget, work + 1, NX_VALIDATE_WORK_SIZE(plen), &res);
}

static int run(void) { return run_with(NULL, 0); }

static bool code_is(const char *want)
{
    return res.code != NULL && want != NULL && strcmp(res.code, want) == 0;
}

/* Expects acceptance with the given WCET and maximum stack depth. */
#define ACCEPT(wcet_, stack_)                  \
    do {                                       \
        CHECK_EQ(run(), NX_VALIDATE_OK);       \
        CHECK(res.ok);                         \
        CHECK(res.code == NULL);               \
        CHECK(!res.has_pc);                    \
        CHECK_EQ(res.errors, 0);               \
        CHECK(res.wcet_known);                 \
        CHECK_EQ(res.wcet, (wcet_));           \
        CHECK_EQ(res.max_stack, (stack_));     \
    } while (0)

/* Expects rejection with the given first error at byte address pc_. */
#define REJECT(code_, pc_)                     \
    do {                                       \
        CHECK_EQ(run(), NX_VALIDATE_REJECTED); \
        CHECK(!res.ok);                        \
        CHECK(code_is(code_));                 \
        CHECK(res.has_pc);                     \
        CHECK_EQ(res.pc, (pc_));               \
    } while (0)

static void test_api(void)
{
    begin("api: arguments");
    P(NX_OP_HALT, 0, 0, 0, 0);
    CHECK_EQ(nx_validate(prog, plen, NULL, 0, work, sizeof work, NULL), NX_VALIDATE_ERR_ARG);
    CHECK_EQ(nx_validate(NULL, 8, NULL, 0, work, sizeof work, &res), NX_VALIDATE_ERR_ARG);
    CHECK(!res.ok && res.code == NULL);
    CHECK_EQ(nx_validate(prog, plen, NULL, 0, NULL, 0, &res), NX_VALIDATE_ERR_WORK);
    CHECK_EQ(nx_validate(prog, plen, NULL, 0, work, NX_VALIDATE_WORK_SIZE(plen) - 1, &res), NX_VALIDATE_ERR_WORK);
    CHECK_EQ(nx_validate(prog, plen, NULL, 0, work, NX_VALIDATE_WORK_SIZE(plen), &res), NX_VALIDATE_OK);
    for (size_t off = 0; off < 4; off++) {
        CHECK_EQ(nx_validate(prog, plen, NULL, 0, work + off, NX_VALIDATE_WORK_SIZE(plen), &res), NX_VALIDATE_OK);
        CHECK_EQ(res.wcet, 1);
    }
    CHECK_EQ(NX_VALIDATE_WORK_SIZE(NX_MAX_CODE_SIZE), 10U * MAX_INSNS + 4U);
    CHECK(strcmp(nx_validate_strerror(NX_VALIDATE_ERR_WORK), "") != 0);
    CHECK(strcmp(nx_validate_strerror(42), "unknown status") == 0);
    CHECK(strcmp(nx_validate_describe("V201"), "control flows into another function") == 0);
    CHECK(strcmp(nx_validate_describe("V2010"), "") == 0);
    CHECK(strcmp(nx_validate_describe("V401"), "") == 0);
    CHECK(strcmp(nx_validate_describe(NULL), "") == 0);

    begin("api: length checks need no work buffer");
    CHECK_EQ(nx_validate(prog, 7, NULL, 0, NULL, 0, &res), NX_VALIDATE_REJECTED);
    CHECK(code_is("V101") && !res.has_pc);
    CHECK_EQ(nx_validate(prog, NX_MAX_CODE_SIZE + 8, NULL, 0, NULL, 0, &res), NX_VALIDATE_REJECTED);
    CHECK(code_is("V102") && !res.has_pc);
    CHECK_EQ(nx_validate(prog, NX_MAX_CODE_SIZE + 9, NULL, 0, NULL, 0, &res), NX_VALIDATE_REJECTED);
    CHECK(code_is("V101")); /* the length check comes first, as in Go */

    begin("api: empty program");
    CHECK_EQ(nx_validate(NULL, 0, NULL, 0, work, NX_VALIDATE_WORK_SIZE(0), &res), NX_VALIDATE_OK);
    CHECK(res.ok && res.wcet_known && res.wcet == 0 && res.max_stack == 0);
    nx_entries e = {.tick = 0, .init = 0, .failsafe = NX_NO_ENTRY};
    CHECK_EQ(nx_validate(NULL, 0, &e, 0, work, NX_VALIDATE_WORK_SIZE(0), &res), NX_VALIDATE_REJECTED);
    CHECK(code_is("V109") && !res.has_pc);
}

static void test_structure(void)
{
    begin("structure: spec accepted example");
    P(NX_OP_READ_IO, 0, 16, 0, 0);
    P(NX_OP_LOAD_CONST, 1, 0, 0, 100);
    P(NX_OP_ADD, 2, 0, 1, 0);
    P(NX_OP_WRITE_IO, 17, 2, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    ACCEPT(5, 0);

    begin("structure: spec rejected example (V105, V107)");
    P(NX_OP_ADD, 1, 16, 0, 0);
    P(NX_OP_PUSH, 2, 3, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    REJECT("V105", 0);
    CHECK_EQ(res.errors, 2);

    begin("structure: undefined opcodes");
    P(NX_OP_NOP, 0, 0, 0, 0);
    P(0x27, 0, 0, 0, 0); /* a gap in the A2A range */
    P(0xFF, 0, 0, 0, 0);
    REJECT("V103", 8);
    CHECK_EQ(res.errors, 2);

    begin("structure: A2A opcodes are NOPs on the esp32 profile");
    P(NX_OP_TELL, 5, 200, 0, 12345);
    P(NX_OP_HALT, 0, 0, 0, 0);
    ACCEPT(2, 0);

    begin("structure: modes");
    P(NX_OP_CMP, 1, 2, 3, 10);
    P(NX_OP_MUL, 1, 2, 3, 31);
    P(NX_OP_SHR, 1, 2, 3, 1);
    P(NX_OP_HALT, 0, 0, 0, 0);
    ACCEPT(4, 0);
    begin("structure: CMP condition 11");
    P(NX_OP_CMP, 1, 2, 3, 11);
    P(NX_OP_HALT, 0, 0, 0, 0);
    REJECT("V104", 0);
    begin("structure: DIV shift -1 (also V105 after V104 at the same pc)");
    P(NX_OP_DIV, 1, 2, 20, 0xFFFFFFFFU);
    P(NX_OP_HALT, 0, 0, 0, 0);
    REJECT("V104", 0);
    CHECK_EQ(res.errors, 2);

    begin("structure: CMP without a condition does not use rd");
    P(NX_OP_CMP, 1, 2, 3, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    REJECT("V107", 0);
    begin("structure: CMP with a condition checks rd");
    P(NX_OP_CMP, 16, 2, 3, 1);
    P(NX_OP_HALT, 0, 0, 0, 0);
    REJECT("V105", 0);

    begin("structure: IO channels");
    P(NX_OP_READ_IO, 1, 31, 0, 0);
    P(NX_OP_WRITE_IO, 15, 1, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    REJECT("V106", 8);

    begin("structure: targets");
    P(NX_OP_JMP, 0, 0, 0, 12);
    P(NX_OP_HALT, 0, 0, 0, 0);
    REJECT("V108", 0);
    begin("structure: a jump to the end is a warning, a CALL there an error");
    P(NX_OP_JZ, 0, 0, 0, 16);
    P(NX_OP_HALT, 0, 0, 0, 0);
    ACCEPT(2, 0);
    CHECK_EQ(res.warnings, 1);
    begin("structure: CALL to the end");
    P(NX_OP_CALL, 0, 0, 0, 16);
    P(NX_OP_HALT, 0, 0, 0, 0);
    REJECT("V108", 0);

    begin("structure: entries");
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    nx_entries e = {.tick = 0, .init = 8, .failsafe = NX_NO_ENTRY};
    CHECK_EQ(run_with(&e, 0), NX_VALIDATE_OK);
    e.failsafe = 4;
    CHECK_EQ(run_with(&e, 0), NX_VALIDATE_REJECTED);
    CHECK(code_is("V109") && !res.has_pc);
    e.failsafe = 16;
    CHECK_EQ(run_with(&e, 0), NX_VALIDATE_REJECTED);
    CHECK(code_is("V109"));
    begin("structure: a whole-program error comes first");
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(0xEE, 0, 0, 0, 0);
    e = (nx_entries){.tick = 3, .init = NX_NO_ENTRY, .failsafe = NX_NO_ENTRY};
    CHECK_EQ(run_with(&e, 0), NX_VALIDATE_REJECTED);
    CHECK(code_is("V109") && !res.has_pc);
    CHECK_EQ(res.errors, 2);
}

static void test_control(void)
{
    begin("control: spec accepted example");
    P(NX_OP_CALL, 0, 0, 0, 24);
    P(NX_OP_CALL, 0, 0, 0, 40);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_LOAD_CONST, 1, 0, 0, 1); /* f */
    P(NX_OP_RET, 0, 0, 0, 0);
    P(NX_OP_CALL, 0, 0, 0, 24); /* g */
    P(NX_OP_RET, 0, 0, 0, 0);
    ACCEPT(9, 2);

    begin("control: spec rejected example (V203, mutual recursion)");
    P(NX_OP_CALL, 0, 0, 0, 16);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_CALL, 0, 0, 0, 32); /* f */
    P(NX_OP_RET, 0, 0, 0, 0);
    P(NX_OP_CALL, 0, 0, 0, 16); /* g */
    P(NX_OP_RET, 0, 0, 0, 0);
    REJECT("V203", 32);
    CHECK(!res.wcet_known);

    begin("control: a jump into the middle of a function (V201)");
    P(NX_OP_CALL, 0, 0, 0, 16);
    P(NX_OP_JMP, 0, 0, 0, 24);
    P(NX_OP_LOAD_CONST, 1, 0, 0, 1);
    P(NX_OP_LOAD_CONST, 2, 0, 0, 2);
    P(NX_OP_RET, 0, 0, 0, 0);
    REJECT("V201", 8);

    begin("control: falling into another function's entry (V201)");
    P(NX_OP_CALL, 0, 0, 0, 16);
    P(NX_OP_LOAD_CONST, 1, 0, 0, 1);
    P(NX_OP_RET, 0, 0, 0, 0);
    REJECT("V201", 8);

    begin("control: a CALL into a function's body (V202)");
    P(NX_OP_NOP, 0, 0, 0, 0);
    P(NX_OP_NOP, 0, 0, 0, 0);
    P(NX_OP_CALL, 0, 0, 0, 8);
    P(NX_OP_HALT, 0, 0, 0, 0);
    REJECT("V202", 16);

    begin("control: RET in an entry point (V204), failsafe");
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_RET, 0, 0, 0, 0);
    nx_entries e = {.tick = 0, .init = NX_NO_ENTRY, .failsafe = 8};
    CHECK_EQ(run_with(&e, 0), NX_VALIDATE_REJECTED);
    CHECK(code_is("V204") && res.pc == 8);

    begin("control: a call to an entry point that halts is allowed");
    P(NX_OP_CALL, 0, 0, 0, 16);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_NOP, 0, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    e = (nx_entries){.tick = 0, .init = 16, .failsafe = NX_NO_ENTRY};
    CHECK_EQ(run_with(&e, 0), NX_VALIDATE_OK);
    CHECK(res.wcet_known && res.wcet == 4 && res.max_stack == 1);

    begin("control: unreachable code and running off the end are warnings");
    P(NX_OP_JZ, 0, 0, 0, 24);
    P(NX_OP_NOP, 0, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_NOP, 0, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_NOP, 0, 0, 0, 0);
    P(NX_OP_NOP, 0, 0, 0, 0);
    ACCEPT(3, 0);
    CHECK_EQ(res.warnings, 1);
    begin("control: off the end");
    P(NX_OP_NOP, 0, 0, 0, 0);
    ACCEPT(1, 0);
    CHECK_EQ(res.warnings, 1);
}

static void test_stack(void)
{
    begin("stack: spec accepted example (depth 1 on both branches)");
    P(NX_OP_READ_IO, 1, 16, 0, 0);
    P(NX_OP_CMP, 0, 1, 0, 0);
    P(NX_OP_JZ, 0, 0, 0, 40);
    P(NX_OP_PUSH, 1, 0, 0, 0);
    P(NX_OP_JMP, 0, 0, 0, 48);
    P(NX_OP_PUSH, 0, 0, 0, 0); /* zero */
    P(NX_OP_POP, 2, 0, 0, 0);  /* join */
    P(NX_OP_HALT, 0, 0, 0, 0);
    ACCEPT(7, 1);

    begin("stack: spec rejected example (V301, a PUSH on one branch only)");
    P(NX_OP_READ_IO, 1, 16, 0, 0);
    P(NX_OP_CMP, 0, 1, 0, 0);
    P(NX_OP_JZ, 0, 0, 0, 32);
    P(NX_OP_PUSH, 1, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0); /* join */
    REJECT("V301", 32);

    begin("stack: POP below the frame (V302)");
    P(NX_OP_CALL, 0, 0, 0, 16);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_POP, 1, 0, 0, 0);
    P(NX_OP_RET, 0, 0, 0, 0);
    REJECT("V302", 16);

    begin("stack: RET with a value left (V303)");
    P(NX_OP_CALL, 0, 0, 0, 16);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_PUSH, 1, 0, 0, 0);
    P(NX_OP_RET, 0, 0, 0, 0);
    REJECT("V303", 24);

    begin("stack: a function called at different depths");
    P(NX_OP_CALL, 0, 0, 0, 48);
    P(NX_OP_PUSH, 1, 0, 0, 0);
    P(NX_OP_PUSH, 1, 0, 0, 0);
    P(NX_OP_CALL, 0, 0, 0, 48);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_PUSH, 2, 0, 0, 0); /* f */
    P(NX_OP_POP, 2, 0, 0, 0);
    P(NX_OP_RET, 0, 0, 0, 0);
    ACCEPT(11, 4);
    CHECK_EQ(res.warnings, 1); /* the HALT at 40 */

    /* tick calls f, f pushes p values and calls g, g pushes q: 1 + p + 1 + q. */
    static const unsigned pq[][3] = {{511, 511, 1024}, {511, 512, 1025}, {1023, 0, 1025}, {1022, 0, 1024}};
    for (size_t i = 0; i < sizeof pq / sizeof pq[0]; i++) {
        begin("stack: the 1024-entry limit (V304 at the entry)");
        P(NX_OP_CALL, 0, 0, 0, 16);
        P(NX_OP_HALT, 0, 0, 0, 0);
        for (unsigned k = 0; k < pq[i][0]; k++)
            P(NX_OP_PUSH, 1, 0, 0, 0);
        uint32_t call = P(NX_OP_CALL, 0, 0, 0, 0);
        for (unsigned k = 0; k < pq[i][0]; k++)
            P(NX_OP_POP, 1, 0, 0, 0);
        P(NX_OP_RET, 0, 0, 0, 0);
        patch(call, plen);
        for (unsigned k = 0; k < pq[i][1]; k++)
            P(NX_OP_PUSH, 1, 0, 0, 0);
        for (unsigned k = 0; k < pq[i][1]; k++)
            P(NX_OP_POP, 1, 0, 0, 0);
        P(NX_OP_RET, 0, 0, 0, 0);
        int rc = run();
        CHECK_EQ(res.max_stack, pq[i][2]);
        if (pq[i][2] <= NX_STACK_DEPTH) {
            CHECK_EQ(rc, NX_VALIDATE_OK);
        } else {
            CHECK_EQ(rc, NX_VALIDATE_REJECTED);
            CHECK(code_is("V304") && res.pc == 0);
        }
    }
}

static void test_time(void)
{
    begin("time: spec accepted example (WCET 9)");
    P(NX_OP_READ_IO, 1, 16, 0, 0);
    P(NX_OP_CMP, 0, 1, 0, 0);
    P(NX_OP_JZ, 0, 0, 0, 40);
    P(NX_OP_CALL, 0, 0, 0, 48);
    P(NX_OP_NOP, 0, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0); /* short */
    P(NX_OP_NOP, 0, 0, 0, 0);  /* f */
    P(NX_OP_NOP, 0, 0, 0, 0);
    P(NX_OP_RET, 0, 0, 0, 0);
    ACCEPT(9, 1);
    CHECK_EQ(run_with(NULL, 9), NX_VALIDATE_OK);
    CHECK_EQ(run_with(NULL, 8), NX_VALIDATE_REJECTED);
    CHECK(code_is("V502") && res.pc == 0 && res.wcet_known && res.wcet == 9);

    begin("time: spec rejected example (V501)");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 3);
    P(NX_OP_LOAD_CONST, 2, 0, 0, 1);
    P(NX_OP_SUB, 1, 1, 2, 0); /* top */
    P(NX_OP_JNZ, 0, 0, 0, 16);
    P(NX_OP_HALT, 0, 0, 0, 0);
    REJECT("V501", 24);
    CHECK(!res.wcet_known);

    begin("time: a loop in failsafe leaves tick's WCET known");
    P(NX_OP_NOP, 0, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_JMP, 0, 0, 0, 16); /* failsafe: JMP to itself */
    nx_entries e = {.tick = 0, .init = NX_NO_ENTRY, .failsafe = 16};
    CHECK_EQ(run_with(&e, 0), NX_VALIDATE_REJECTED);
    CHECK(code_is("V501") && res.pc == 16 && res.wcet_known && res.wcet == 2);

    begin("time: an error at a lower pc than a loop comes first; ties keep Go's order");
    /* JMP at 8 jumps back to 0 with a value pushed: V301 at 0 (reported
     * during the walk) and V501 at 8 (reported after it). */
    P(NX_OP_PUSH, 1, 0, 0, 0);
    P(NX_OP_JMP, 0, 0, 0, 0);
    REJECT("V301", 0);
    CHECK_EQ(res.errors, 2);
    /* The JZ at 8 meets a back edge on its fall-through (V501 at 8, which
     * Go reports at the end of the walk) before its target, the init entry
     * (V201 at 8, reported during the walk): V201 is first. */
    begin("time: V201 and V501 at the same pc");
    P(NX_OP_JMP, 0, 0, 0, 16);
    P(NX_OP_JZ, 0, 0, 0, 24);
    P(NX_OP_JMP, 0, 0, 0, 8);
    P(NX_OP_HALT, 0, 0, 0, 0); /* init */
    e = (nx_entries){.tick = 0, .init = 24, .failsafe = NX_NO_ENTRY};
    CHECK_EQ(run_with(&e, 0), NX_VALIDATE_REJECTED);
    CHECK(code_is("V201") && res.pc == 8);
    CHECK_EQ(res.errors, 2);

    begin("time: doubling calls saturate and are rejected under any budget");
    P(NX_OP_CALL, 0, 0, 0, 16);
    P(NX_OP_HALT, 0, 0, 0, 0);
    for (unsigned k = 0; k < 40; k++) {
        uint32_t next = plen + 24;
        P(NX_OP_CALL, 0, 0, 0, next);
        P(NX_OP_CALL, 0, 0, 0, next);
        P(NX_OP_RET, 0, 0, 0, 0);
    }
    P(NX_OP_RET, 0, 0, 0, 0);
    CHECK_EQ(run_with(NULL, 0xFFFFFFFFU), NX_VALIDATE_REJECTED);
    CHECK(code_is("V502") && res.wcet == NX_VALIDATE_WCET_SAT);

    begin("time: 2^k - 1 + k levels exactly");
    P(NX_OP_CALL, 0, 0, 0, 16);
    P(NX_OP_HALT, 0, 0, 0, 0);
    for (unsigned k = 0; k < 10; k++) {
        uint32_t next = plen + 24;
        P(NX_OP_CALL, 0, 0, 0, next);
        P(NX_OP_CALL, 0, 0, 0, next);
        P(NX_OP_RET, 0, 0, 0, 0);
    }
    P(NX_OP_RET, 0, 0, 0, 0);
    /* level 10 (RET) = 1; level k = 3 + 2 * level(k+1); tick = 2 + level 0. */
    uint32_t w = 1;
    for (unsigned k = 0; k < 10; k++)
        w = 3 + 2 * w;
    ACCEPT(w + 2, 11);
}

static void test_limits(void)
{
    begin("limits: the largest program");
    for (unsigned k = 0; k + 1 < MAX_INSNS; k++)
        P(NX_OP_NOP, 0, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    ACCEPT(MAX_INSNS, 0);
    CHECK_EQ(run_with(NULL, MAX_INSNS - 1), NX_VALIDATE_REJECTED);
    CHECK(code_is("V502") && res.pc == 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    CHECK_EQ(run(), NX_VALIDATE_REJECTED);
    CHECK(code_is("V102"));

    /* tick calls f1, f_k calls f_k+1, f_m returns: m return addresses. */
    static const unsigned chains[] = {1024, 1025, 4095};
    for (size_t i = 0; i < sizeof chains / sizeof chains[0]; i++) {
        unsigned m = chains[i];
        begin("limits: a chain of calls");
        P(NX_OP_CALL, 0, 0, 0, 16);
        P(NX_OP_HALT, 0, 0, 0, 0);
        for (unsigned k = 1; k < m; k++) {
            P(NX_OP_CALL, 0, 0, 0, plen + 16);
            P(NX_OP_RET, 0, 0, 0, 0);
        }
        P(NX_OP_RET, 0, 0, 0, 0);
        int rc = run();
        CHECK_EQ(res.max_stack, m);
        CHECK(res.wcet_known);
        CHECK_EQ(res.wcet, 2 * m + 1);
        if (m <= NX_STACK_DEPTH) {
            CHECK_EQ(rc, NX_VALIDATE_OK);
        } else {
            CHECK_EQ(rc, NX_VALIDATE_REJECTED);
            CHECK(code_is("V304") && res.pc == 0);
        }
    }

    begin("limits: the last instruction jumps back to the first, 8192 deep");
    for (unsigned k = 0; k + 1 < MAX_INSNS; k++)
        P(NX_OP_PUSH, 1, 0, 0, 0);
    P(NX_OP_JMP, 0, 0, 0, 0);
    CHECK_EQ(run(), NX_VALIDATE_REJECTED);
    CHECK(code_is("V301") && res.pc == 0);
}

int main(void)
{
    test_api();
    test_structure();
    test_control();
    test_stack();
    test_time();
    test_limits();
    printf("test_validate: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
