/*
 * test_vm.c: host unit tests of nexus_vm, run by `make -C firmware test`
 * under AddressSanitizer and UBSan, with the default configuration and with
 * a small one (NX_CFG_MEM_SIZE=4096, NX_CFG_QUEUE_CAP=8).
 *
 * Each test assembles a few instructions with P(...) into a static buffer,
 * loads them and checks the state through the public API. Agreement with
 * the Go VM on whole programs is checked by firmware/firmware_test.go; these
 * tests pin the behaviours the raw runner cannot reach (entries, data
 * segments, the HAL, queues, step/run/reset) and every trap.
 */
#include <stdio.h>
#include <string.h>

#include "nexus_vm.h"
#include "check.h"

static nx_vm vm;
static uint8_t prog[64 * 8];
static uint32_t plen;

/* Starts a new program. */
static void begin(const char *name) {
    current = name;
    plen = 0;
}

/* Appends one instruction. */
static void P(unsigned op, unsigned rd, unsigned rs1, unsigned rs2, uint32_t imm) {
    uint8_t *p = &prog[plen];
    p[0] = (uint8_t)op;
    p[1] = (uint8_t)rd;
    p[2] = (uint8_t)rs1;
    p[3] = (uint8_t)rs2;
    p[4] = (uint8_t)imm;
    p[5] = (uint8_t)(imm >> 8);
    p[6] = (uint8_t)(imm >> 16);
    p[7] = (uint8_t)(imm >> 24);
    plen += 8;
}

static void load(void) { CHECK_EQ(nx_vm_load(&vm, prog, plen, NULL, 0, NULL), NX_OK); }

/* Loads and runs with the default budget. */
static nx_stop run(void) {
    load();
    return nx_vm_run(&vm, NX_DEFAULT_BUDGET);
}

static void expect_trap(int trap, uint32_t pc, uint64_t cycles) {
    CHECK_EQ(nx_vm_status(&vm), NX_STOP_TRAP);
    CHECK_EQ(nx_vm_trap(&vm), trap);
    CHECK_EQ(nx_vm_pc(&vm), pc);
    CHECK_EQ(nx_vm_cycles(&vm), cycles);
}

static void expect_halt(uint32_t pc, uint64_t cycles) {
    CHECK_EQ(nx_vm_status(&vm), NX_STOP_HALTED);
    CHECK_EQ(nx_vm_trap(&vm), NX_TRAP_NONE);
    CHECK_EQ(nx_vm_pc(&vm), pc);
    CHECK_EQ(nx_vm_cycles(&vm), cycles);
}

/* ---- ALU ---- */

static uint32_t alu(unsigned op, uint32_t a, uint32_t b, uint32_t imm) {
    begin("alu");
    P(NX_OP_LOAD_CONST, 1, 0, 0, a);
    P(NX_OP_LOAD_CONST, 2, 0, 0, b);
    P(op, 3, 1, 2, imm);
    P(NX_OP_HALT, 0, 0, 0, 0);
    run();
    return nx_vm_reg(&vm, 3);
}

static void test_alu(void) {
    CHECK_EQ(alu(NX_OP_ADD, 0xFFFFFFFFU, 2, 0), 1);
    CHECK(!nx_vm_flag_zero(&vm) && !nx_vm_flag_negative(&vm));
    CHECK_EQ(alu(NX_OP_ADD, 0x7FFFFFFFU, 1, 0), 0x80000000U);
    CHECK(nx_vm_flag_negative(&vm));
    CHECK_EQ(alu(NX_OP_SUB, 5, 5, 0), 0);
    CHECK(nx_vm_flag_zero(&vm));
    CHECK_EQ(alu(NX_OP_SUB, 0, 1, 0), 0xFFFFFFFFU);
    CHECK_EQ(alu(NX_OP_MUL, 0x10000U, 0x10000U, 0), 0);
    CHECK_EQ(alu(NX_OP_MUL, 0xFFFFFFFFU, 3, 0), 0xFFFFFFFDU);
    /* Q16 fixed point: 1.5 * -2.0 = -3.0 */
    CHECK_EQ(alu(NX_OP_MUL, 0x18000U, 0xFFFE0000U, 16), 0xFFFD0000U);
    CHECK_EQ(alu(NX_OP_MUL, 0x80000000U, 0x80000000U, 31), 0x80000000U); /* 2^62 >> 31 = 2^31 */
    CHECK_EQ(alu(NX_OP_MUL, 0xFFFFFFFFU, 1, 31), 0xFFFFFFFFU);             /* -1 >> 31 arithmetic */
    CHECK_EQ(alu(NX_OP_DIV, 7, 2, 0), 3);
    CHECK_EQ(alu(NX_OP_DIV, (uint32_t)-7, 2, 0), (uint32_t)-3);
    CHECK_EQ(alu(NX_OP_DIV, 7, (uint32_t)-2, 0), (uint32_t)-3);
    CHECK_EQ(alu(NX_OP_DIV, 0x80000000U, 0xFFFFFFFFU, 0), 0x80000000U); /* INT_MIN / -1 */
    CHECK_EQ(alu(NX_OP_DIV, 0x80000000U, 0xFFFFFFFFU, 31), 0);         /* 2^62 -> low bits 0 */
    CHECK_EQ(alu(NX_OP_DIV, 3, 2, 16), 0x18000U);                      /* Q16 1.5 */
    CHECK_EQ(alu(NX_OP_DIV, (uint32_t)-3, 2, 16), (uint32_t)-0x18000);
    CHECK_EQ(alu(NX_OP_AND, 0xF0F0U, 0xFF00U, 0), 0xF000U);
    CHECK_EQ(alu(NX_OP_OR, 0xF0F0U, 0x0F00U, 0), 0xFFF0U);
    CHECK_EQ(alu(NX_OP_XOR, 0xFFFFU, 0xFFFFU, 0), 0);
    CHECK(nx_vm_flag_zero(&vm));
    CHECK_EQ(alu(NX_OP_SHL, 1, 31, 0), 0x80000000U);
    CHECK_EQ(alu(NX_OP_SHL, 1, 32, 0), 1); /* count masked */
    CHECK_EQ(alu(NX_OP_SHL, 3, 0xFFFFFFFFU, 0), 0x80000000U);
    CHECK_EQ(alu(NX_OP_SHR, 0x80000000U, 31, 0), 1);
    CHECK_EQ(alu(NX_OP_SHR, 0x80000000U, 31, 1), 0xFFFFFFFFU);
    CHECK_EQ(alu(NX_OP_SHR, 0x80000000U, 32, 1), 0x80000000U);
    CHECK_EQ(alu(NX_OP_SHR, 0x40000000U, 30, 1), 1);

    begin("not");
    P(NX_OP_NOT, 1, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    run();
    CHECK_EQ(nx_vm_reg(&vm, 1), 0xFFFFFFFFU);
    CHECK(nx_vm_flag_negative(&vm) && !nx_vm_flag_zero(&vm));
}

static void test_cmp(void) {
    static const struct {
        uint32_t cond, a, b, want;
    } cases[] = {
        {NX_COND_EQ, 5, 5, 1},          {NX_COND_NE, 5, 5, 0},          {NX_COND_LT, 0xFFFFFFFFU, 0, 1},
        {NX_COND_LTU, 0xFFFFFFFFU, 0, 0}, {NX_COND_LE, 3, 3, 1},          {NX_COND_GT, 0x80000000U, 0x7FFFFFFFU, 0},
        {NX_COND_GTU, 0x80000000U, 0x7FFFFFFFU, 1}, {NX_COND_GE, 0x80000000U, 0x80000000U, 1},
        {NX_COND_LEU, 4, 3, 0},         {NX_COND_GEU, 0, 0xFFFFFFFFU, 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        CHECK_EQ(alu(NX_OP_CMP, cases[k].a, cases[k].b, cases[k].cond), cases[k].want);
        CHECK_EQ(nx_vm_flag_zero(&vm), !cases[k].want);
    }
    /* flags-only CMP: rd unused (even >= 16), R[rs1] - R[rs2] */
    begin("cmp none");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 4);
    P(NX_OP_LOAD_CONST, 2, 0, 0, 9);
    P(NX_OP_CMP, 200, 1, 2, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    run();
    expect_halt(24, 4);
    CHECK(nx_vm_flag_negative(&vm) && !nx_vm_flag_zero(&vm));
    CHECK_EQ(nx_vm_reg(&vm, 0), 0);
}

/* ---- memory ---- */

static void test_memory(void) {
    const uint32_t top = NX_CFG_MEM_SIZE - 4;
    begin("store/load at the top, unaligned");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 0x11223344U);
    P(NX_OP_LOAD_CONST, 2, 0, 0, top);
    P(NX_OP_STORE_REG, 1, 2, 0, 0);
    P(NX_OP_LOAD_REG, 3, 2, 0, 0);
    P(NX_OP_LOAD_REG, 4, 2, 0, (uint32_t)-1); /* unaligned: bytes 00 44 33 22 */
    P(NX_OP_HALT, 0, 0, 0, 0);
    run();
    expect_halt(40, 6);
    CHECK_EQ(nx_vm_reg(&vm, 3), 0x11223344U);
    CHECK_EQ(nx_vm_reg(&vm, 4), 0x22334400U);
    {
        uint32_t size;
        uint8_t *m = nx_vm_memory(&vm, &size);
        CHECK_EQ(size, NX_CFG_MEM_SIZE);
        CHECK_EQ(m[top], 0x44);
        CHECK_EQ(m[top + 3], 0x11);
    }

    begin("load past the top");
    P(NX_OP_LOAD_CONST, 2, 0, 0, top + 1);
    P(NX_OP_LOAD_CONST, 3, 0, 0, 9);
    P(NX_OP_LOAD_REG, 3, 2, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    run();
    expect_trap(NX_TRAP_MEM_OUT_OF_BOUNDS, 16, 2);
    CHECK_EQ(nx_vm_reg(&vm, 3), 9);

    begin("address wraps: R + imm mod 2^32");
    P(NX_OP_LOAD_CONST, 2, 0, 0, 0xFFFFFFFFU);
    P(NX_OP_LOAD_CONST, 1, 0, 0, 77);
    P(NX_OP_STORE_REG, 1, 2, 0, 5); /* address 4 */
    P(NX_OP_LOAD_REG, 3, 0, 0, 4);
    P(NX_OP_STORE_REG, 1, 2, 0, 0); /* 0xFFFFFFFF: out of bounds */
    P(NX_OP_HALT, 0, 0, 0, 0);
    run();
    expect_trap(NX_TRAP_MEM_OUT_OF_BOUNDS, 32, 4);
    CHECK_EQ(nx_vm_reg(&vm, 3), 77);

    begin("alloc");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 4);
    P(NX_OP_ALLOC, 2, 1, 0, NX_CFG_MEM_SIZE - 4);
    P(NX_OP_ALLOC, 3, 1, 0, NX_CFG_MEM_SIZE - 3);
    P(NX_OP_HALT, 0, 0, 0, 0);
    run();
    expect_trap(NX_TRAP_MEM_OUT_OF_BOUNDS, 16, 2);
    CHECK_EQ(nx_vm_reg(&vm, 2), NX_CFG_MEM_SIZE - 4);
    CHECK_EQ(nx_vm_reg(&vm, 3), 0);

    begin("dma overlap forward and backward");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 0x04030201U);
    P(NX_OP_STORE_REG, 1, 0, 0, 0);
    P(NX_OP_LOAD_CONST, 2, 0, 0, 1);
    P(NX_OP_DMA_COPY, 2, 0, 0, 4); /* mem[1..4] = 01 02 03 04 */
    P(NX_OP_LOAD_REG, 3, 0, 0, 1);
    P(NX_OP_DMA_COPY, 0, 2, 0, 4); /* back: mem[0..3] = 01 02 03 04 */
    P(NX_OP_LOAD_REG, 4, 0, 0, 0);
    P(NX_OP_LOAD_CONST, 5, 0, 0, NX_CFG_MEM_SIZE - 2);
    P(NX_OP_DMA_COPY, 5, 0, 0, 3); /* destination overruns */
    P(NX_OP_HALT, 0, 0, 0, 0);
    run();
    expect_trap(NX_TRAP_MEM_OUT_OF_BOUNDS, 64, 8);
    CHECK_EQ(nx_vm_reg(&vm, 3), 0x04030201U);
    CHECK_EQ(nx_vm_reg(&vm, 4), 0x04030201U);

    begin("dma of zero bytes at the top");
    P(NX_OP_LOAD_CONST, 1, 0, 0, NX_CFG_MEM_SIZE);
    P(NX_OP_DMA_COPY, 1, 1, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    run();
    expect_halt(16, 3);
}

/* ---- control ---- */

static void test_control(void) {
    begin("call ret pop push");
    P(NX_OP_CALL, 0, 0, 0, 16);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_POP, 1, 0, 0, 0);
    P(NX_OP_PUSH, 1, 0, 0, 0);
    P(NX_OP_RET, 0, 0, 0, 0);
    run();
    expect_halt(8, 5);
    CHECK_EQ(nx_vm_reg(&vm, 1), 8);
    CHECK_EQ(nx_vm_stack_depth(&vm), 0);

    begin("jz/jnz");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 1);
    P(NX_OP_CMP, 0, 1, 0, 0); /* 1 - 0: Z = 0 */
    P(NX_OP_JZ, 0, 0, 0, 3);  /* misaligned but not taken */
    P(NX_OP_JNZ, 0, 0, 0, 40);
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_JZ, 0, 0, 0, 0);
    P(NX_OP_JNZ, 0, 0, 0, 5); /* taken, misaligned */
    run();
    expect_trap(NX_TRAP_BAD_JUMP, 48, 5);

    begin("jump past the end halts there");
    P(NX_OP_JMP, 0, 0, 0, 0x1000);
    run();
    expect_halt(0x1000, 1);

    begin("ret to a misaligned address past the end halts");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 0xFFFFFFFFU);
    P(NX_OP_PUSH, 1, 0, 0, 0);
    P(NX_OP_RET, 0, 0, 0, 0);
    run();
    expect_halt(0xFFFFFFFFU, 3);

    begin("ret misaligned inside: no pop");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 4);
    P(NX_OP_PUSH, 1, 0, 0, 0);
    P(NX_OP_RET, 0, 0, 0, 0);
    run();
    expect_trap(NX_TRAP_BAD_JUMP, 16, 2);
    CHECK_EQ(nx_vm_stack_depth(&vm), 1);
    CHECK_EQ(nx_vm_stack_at(&vm, 0), 4);

    begin("call: bad jump before overflow");
    P(NX_OP_PUSH, 0, 0, 0, 0);
    P(NX_OP_JMP, 0, 0, 0, 0);
    load();
    nx_vm_run(&vm, 2 * NX_CFG_STACK_DEPTH);
    CHECK_EQ(nx_vm_stack_depth(&vm), NX_CFG_STACK_DEPTH);
    CHECK_EQ(nx_vm_status(&vm), NX_STOP_BUDGET);
    nx_vm_run(&vm, 1);
    expect_trap(NX_TRAP_STACK_OVERFLOW, 0, 2 * NX_CFG_STACK_DEPTH);

    begin("call overflow vs bad jump");
    P(NX_OP_CALL, 0, 0, 0, 0); /* recurses until full */
    run();
    expect_trap(NX_TRAP_STACK_OVERFLOW, 0, NX_CFG_STACK_DEPTH);
    begin("call misaligned");
    P(NX_OP_CALL, 0, 0, 0, 1);
    run();
    expect_trap(NX_TRAP_BAD_JUMP, 0, 0);
    CHECK_EQ(nx_vm_stack_depth(&vm), 0);

    begin("underflow");
    P(NX_OP_POP, 1, 0, 0, 0);
    run();
    expect_trap(NX_TRAP_STACK_UNDERFLOW, 0, 0);
    begin("ret underflow");
    P(NX_OP_NOP, 0, 0, 0, 0);
    P(NX_OP_RET, 0, 0, 0, 0);
    run();
    expect_trap(NX_TRAP_STACK_UNDERFLOW, 8, 1);
}

/* ---- decode checks and their order ---- */

static void test_decode(void) {
    struct {
        const char *name;
        unsigned op, rd, rs1, rs2;
        uint32_t imm;
        int trap;
    } cases[] = {
        {"undefined opcode", 0x27, 0, 0, 0, 0, NX_TRAP_BAD_OPCODE},
        {"undefined 0xFF", 0xFF, 0, 0, 0, 0, NX_TRAP_BAD_OPCODE},
        {"mode before register", NX_OP_MUL, 20, 1, 2, 40, NX_TRAP_BAD_OPCODE},
        {"div k 32", NX_OP_DIV, 1, 1, 2, 32, NX_TRAP_BAD_OPCODE},
        {"div k negative", NX_OP_DIV, 1, 1, 2, 0xFFFFFFFFU, NX_TRAP_BAD_OPCODE},
        {"shr mode 2", NX_OP_SHR, 1, 1, 2, 2, NX_TRAP_BAD_OPCODE},
        {"cmp cond 11", NX_OP_CMP, 1, 1, 2, 11, NX_TRAP_BAD_OPCODE},
        {"cmp cond rd", NX_OP_CMP, 16, 1, 2, 1, NX_TRAP_BAD_REGISTER},
        {"add rs2", NX_OP_ADD, 1, 2, 16, 0, NX_TRAP_BAD_REGISTER},
        {"read_io rd before channel", NX_OP_READ_IO, 16, 5, 0, 0, NX_TRAP_BAD_REGISTER},
        {"read_io channel", NX_OP_READ_IO, 1, 15, 0, 0, NX_TRAP_BAD_IO_CHANNEL},
        {"read_io channel 32", NX_OP_READ_IO, 1, 32, 0, 0, NX_TRAP_BAD_IO_CHANNEL},
        {"write_io channel before rs1", NX_OP_WRITE_IO, 5, 16, 0, 0, NX_TRAP_BAD_IO_CHANNEL},
        {"write_io rs1", NX_OP_WRITE_IO, 17, 16, 0, 0, NX_TRAP_BAD_REGISTER},
        {"send rs1", NX_OP_SEND, 255, 16, 0, 0, NX_TRAP_BAD_REGISTER},
        {"free rd", NX_OP_FREE, 16, 0, 0, 0, NX_TRAP_BAD_REGISTER},
        {"dma rd", NX_OP_DMA_COPY, 16, 0, 0, 0, NX_TRAP_BAD_REGISTER},
        {"div by zero", NX_OP_DIV, 1, 1, 2, 0, NX_TRAP_DIV_BY_ZERO},
        {"a2a nop", NX_OP_DECLARE_INTENT, 255, 255, 255, 0xFFFFFFFFU, NX_TRAP_NONE},
        {"a2a last", NX_OP_VERIFY_AUTHORITY, 1, 2, 3, 4, NX_TRAP_NONE},
        {"unused fields ignored", NX_OP_NOP, 200, 201, 202, 0xFFFFFFFFU, NX_TRAP_NONE},
        {"push unused rs1", NX_OP_PUSH, 2, 3, 99, 7, NX_TRAP_NONE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        begin(cases[k].name);
        P(NX_OP_LOAD_CONST, 1, 0, 0, 42);
        P(cases[k].op, cases[k].rd, cases[k].rs1, cases[k].rs2, cases[k].imm);
        P(NX_OP_HALT, 0, 0, 0, 0);
        run();
        if (cases[k].trap == NX_TRAP_NONE) {
            expect_halt(16, 3);
        } else {
            expect_trap(cases[k].trap, 8, 1);
            CHECK_EQ(nx_vm_reg(&vm, 1), 42); /* no side effect */
        }
    }
    CHECK(strcmp(nx_trap_name(NX_TRAP_QUEUE_FULL), "QUEUE_FULL") == 0);
    CHECK(strcmp(nx_trap_name(NX_TRAP_NONE), "NONE") == 0);
    CHECK(strcmp(nx_trap_name(99), "?") == 0);
}

/* ---- budget, step, stopped machines ---- */

static void test_budget(void) {
    begin("budget resumes");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 1);
    P(NX_OP_LOAD_CONST, 2, 0, 0, 2);
    P(NX_OP_ADD, 3, 1, 2, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    load();
    CHECK_EQ(nx_vm_run(&vm, 2), NX_STOP_BUDGET);
    CHECK_EQ(nx_vm_pc(&vm), 16);
    CHECK_EQ(nx_vm_cycles(&vm), 2);
    CHECK_EQ(nx_vm_run(&vm, 0), NX_STOP_BUDGET);
    CHECK_EQ(nx_vm_run(&vm, 1), NX_STOP_BUDGET);
    CHECK_EQ(nx_vm_run(&vm, 100), NX_STOP_HALTED);
    expect_halt(24, 4);
    CHECK_EQ(nx_vm_reg(&vm, 3), 3);
    CHECK_EQ(nx_vm_run(&vm, 100), NX_STOP_HALTED); /* stays stopped */
    CHECK_EQ(nx_vm_step(&vm), NX_STOP_HALTED);
    CHECK_EQ(nx_vm_cycles(&vm), 4);

    begin("exact budget off the end halts");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 1);
    P(NX_OP_LOAD_CONST, 2, 0, 0, 2);
    load();
    CHECK_EQ(nx_vm_run(&vm, 2), NX_STOP_HALTED);
    expect_halt(16, 2);

    begin("exact budget before HALT exhausts");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 1);
    P(NX_OP_HALT, 0, 0, 0, 0);
    load();
    CHECK_EQ(nx_vm_run(&vm, 1), NX_STOP_BUDGET);
    CHECK_EQ(nx_vm_pc(&vm), 8);

    begin("step");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 1);
    P(NX_OP_LOAD_CONST, 2, 0, 0, 2);
    load();
    CHECK_EQ(nx_vm_step(&vm), NX_STOP_NONE);
    CHECK_EQ(nx_vm_step(&vm), NX_STOP_HALTED); /* executes, then falls off the end */
    expect_halt(16, 2);

    begin("empty program");
    load();
    CHECK_EQ(nx_vm_run(&vm, 0), NX_STOP_HALTED);
    expect_halt(0, 0);

    begin("trapped stays trapped");
    P(NX_OP_POP, 1, 0, 0, 0);
    run();
    CHECK_EQ(nx_vm_run(&vm, 10), NX_STOP_TRAP);
    CHECK_EQ(nx_vm_step(&vm), NX_STOP_TRAP);
    expect_trap(NX_TRAP_STACK_UNDERFLOW, 0, 0);
}

/* ---- IO and queues ---- */

static uint32_t io_log[64][2];
static unsigned io_n;

static uint32_t hal_read(void *user, uint8_t ch) { return *(uint32_t *)user + ch; }
static void hal_write(void *user, uint8_t ch, uint32_t v) {
    (void)user;
    if (io_n < 64) {
        io_log[io_n][0] = ch;
        io_log[io_n][1] = v;
        io_n++;
    }
}

static void test_io_queues(void) {
    uint32_t base = 1000;
    nx_hal hal = {hal_read, hal_write, &base};
    begin("io");
    P(NX_OP_READ_IO, 1, 20, 0, 0);
    P(NX_OP_WRITE_IO, 31, 1, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    load();
    nx_vm_set_hal(&vm, &hal);
    io_n = 0;
    nx_vm_run(&vm, 10);
    expect_halt(16, 3);
    CHECK_EQ(nx_vm_reg(&vm, 1), 1020);
    CHECK_EQ(io_n, 1);
    CHECK_EQ(io_log[0][0], 31);
    CHECK_EQ(io_log[0][1], 1020);
    CHECK_EQ(nx_vm_reg(&vm, 20), 0); /* IO registers read 0 */

    begin("no hal");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 5);
    P(NX_OP_READ_IO, 1, 16, 0, 0);
    P(NX_OP_WRITE_IO, 17, 1, 0, 0);
    run();
    expect_halt(24, 3);
    CHECK_EQ(nx_vm_reg(&vm, 1), 0);

    begin("send until full, recv, interrupt");
    P(NX_OP_RECV, 1, 0, 0, 0);
    P(NX_OP_RECV, 2, 0, 0, 0);
    P(NX_OP_INTERRUPT, 0, 0, 0, 77);
    P(NX_OP_SEND, 200, 1, 0, 0);
    P(NX_OP_JMP, 0, 0, 0, 24);
    load();
    CHECK(nx_vm_push_recv(&vm, 9));
    nx_vm_run(&vm, NX_DEFAULT_BUDGET);
    expect_trap(NX_TRAP_QUEUE_FULL, 24, 3 + 2 * NX_CFG_QUEUE_CAP);
    CHECK_EQ(nx_vm_reg(&vm, 1), 9);
    CHECK_EQ(nx_vm_reg(&vm, 2), 0xFFFFFFFFU);
    CHECK_EQ(nx_vm_send_count(&vm), NX_CFG_QUEUE_CAP);
    {
        nx_send s;
        CHECK(nx_vm_pop_send(&vm, &s));
        CHECK_EQ(s.channel, 200);
        CHECK_EQ(s.value, 9);
        uint32_t v;
        CHECK(nx_vm_pop_interrupt(&vm, &v));
        CHECK_EQ(v, 77);
        CHECK(!nx_vm_pop_interrupt(&vm, &v));
    }
    for (unsigned k = 0; k < NX_CFG_QUEUE_CAP; k++) {
        CHECK(nx_vm_push_recv(&vm, k));
    }
    CHECK(!nx_vm_push_recv(&vm, 1));
    CHECK_EQ(nx_vm_recv_count(&vm), NX_CFG_QUEUE_CAP);

    begin("interrupt full");
    P(NX_OP_INTERRUPT, 0, 0, 0, 1);
    P(NX_OP_JMP, 0, 0, 0, 0);
    run();
    expect_trap(NX_TRAP_QUEUE_FULL, 0, 2 * NX_CFG_QUEUE_CAP);
    CHECK_EQ(nx_vm_interrupt_count(&vm), NX_CFG_QUEUE_CAP);

    begin("sleep");
    P(NX_OP_SLEEP, 0, 0, 0, 250);
    P(NX_OP_HALT, 0, 0, 0, 0);
    load();
    {
        uint32_t ms = 1;
        CHECK(!nx_vm_sleep_request(&vm, &ms));
        nx_vm_run(&vm, 10);
        CHECK(nx_vm_sleep_request(&vm, &ms));
        CHECK_EQ(ms, 250);
    }
}

/* ---- tick model, entries, segments, reset ---- */

static void test_ticks(void) {
    static const uint8_t seg_bytes[4] = {10, 0, 0, 0};
    nx_segment seg = {0, 4, seg_bytes};
    nx_entries e = {0, 48, NX_NO_ENTRY};
    nx_tick_result res;

    begin("counter in memory, init seeds, registers fresh");
    P(NX_OP_LOAD_REG, 1, 0, 0, 0);   /* 0 main */
    P(NX_OP_LOAD_CONST, 2, 0, 0, 1); /* 8 */
    P(NX_OP_ADD, 1, 1, 2, 0);        /* 16 */
    P(NX_OP_STORE_REG, 1, 0, 0, 0);  /* 24 */
    P(NX_OP_ADD, 3, 3, 2, 0);        /* 32 */
    P(NX_OP_HALT, 0, 0, 0, 0);       /* 40 */
    P(NX_OP_LOAD_CONST, 1, 0, 0, 5); /* 48 init: mem = 5*2 */
    P(NX_OP_ADD, 1, 1, 1, 0);
    P(NX_OP_STORE_REG, 1, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    CHECK_EQ(nx_vm_load(&vm, prog, plen, &seg, 1, &e), NX_OK);
    {
        uint8_t *m = nx_vm_memory(&vm, NULL);
        CHECK_EQ(m[0], 10);
    }
    CHECK_EQ(nx_vm_tick(&vm, &res), NX_STOP_HALTED);
    CHECK(res.init_ran);
    CHECK_EQ(res.init.stop, NX_STOP_HALTED);
    CHECK_EQ(res.init.cycles, 4);
    CHECK(!res.failsafe_ran);
    CHECK_EQ(nx_vm_reg(&vm, 1), 11);
    CHECK_EQ(nx_vm_tick(&vm, &res), NX_STOP_HALTED);
    CHECK(!res.init_ran);
    CHECK_EQ(nx_vm_reg(&vm, 1), 12);
    CHECK_EQ(nx_vm_reg(&vm, 3), 1);
    expect_halt(40, 6);
    CHECK_EQ(nx_vm_total_cycles(&vm), 4 + 6 + 6);
    nx_vm_reset(&vm);
    CHECK_EQ(nx_vm_memory(&vm, NULL)[0], 10);
    CHECK_EQ(nx_vm_total_cycles(&vm), 0);
    nx_vm_tick(&vm, NULL);
    CHECK_EQ(nx_vm_reg(&vm, 1), 11);

    begin("failsafe after a trap and after an overrun");
    P(NX_OP_READ_IO, 1, 16, 0, 0);  /* 0 main */
    P(NX_OP_DIV, 3, 1, 0, 0);       /* 8: R1 / 0 faults; R1 = 0 loops */
    P(NX_OP_JMP, 0, 0, 0, 16);      /* 16 */
    P(NX_OP_LOAD_CONST, 4, 0, 0, 7); /* 24 failsafe */
    P(NX_OP_WRITE_IO, 17, 4, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    {
        uint32_t base = 0;
        nx_hal hal = {hal_read, hal_write, &base}; /* channel 16 reads 16 */
        nx_entries fe = {0, NX_NO_ENTRY, 24};
        CHECK_EQ(nx_vm_load(&vm, prog, plen, NULL, 0, &fe), NX_OK);
        nx_vm_set_hal(&vm, &hal);
        nx_vm_set_budget(&vm, 50);
        io_n = 0;
        CHECK_EQ(nx_vm_tick(&vm, &res), NX_STOP_TRAP);
        CHECK_EQ(res.tick.trap, NX_TRAP_DIV_BY_ZERO);
        CHECK_EQ(res.tick.pc, 8);
        CHECK_EQ(res.tick.cycles, 1);
        CHECK(res.failsafe_ran);
        CHECK_EQ(res.snapshot.regs[1], 16);
        CHECK_EQ(res.failsafe.stop, NX_STOP_HALTED);
        CHECK_EQ(res.failsafe.cycles, 3);
        CHECK_EQ(nx_vm_reg(&vm, 1), 0); /* failsafe's fresh registers */
        CHECK_EQ(nx_vm_reg(&vm, 4), 7);
        CHECK_EQ(io_n, 1);
        /* the tick can be run again after a trap */
        base = (uint32_t)-16; /* channel 16 reads 0: DIV faults again */
        CHECK_EQ(nx_vm_tick(&vm, &res), NX_STOP_TRAP);
        CHECK_EQ(io_n, 2);
    }
    {
        /* overrun: tick loops forever */
        begin("overrun");
        plen = 0;
        P(NX_OP_JMP, 0, 0, 0, 0);
        P(NX_OP_LOAD_CONST, 4, 0, 0, 7);
        P(NX_OP_HALT, 0, 0, 0, 0);
        nx_entries fe = {0, NX_NO_ENTRY, 8};
        CHECK_EQ(nx_vm_load(&vm, prog, plen, NULL, 0, &fe), NX_OK);
        nx_vm_set_budget(&vm, 50);
        CHECK_EQ(nx_vm_tick(&vm, &res), NX_STOP_BUDGET);
        CHECK_EQ(res.tick.cycles, 50);
        CHECK(res.failsafe_ran);
        CHECK_EQ(res.failsafe.cycles, 2);
        CHECK_EQ(nx_vm_reg(&vm, 4), 7);
    }

    begin("init that faults does not stop ticks");
    P(NX_OP_LOAD_CONST, 1, 0, 0, 3); /* 0 */
    P(NX_OP_HALT, 0, 0, 0, 0);       /* 8 */
    P(NX_OP_POP, 1, 0, 0, 0);        /* 16 init */
    {
        nx_entries ie = {0, 16, NX_NO_ENTRY};
        CHECK_EQ(nx_vm_load(&vm, prog, plen, NULL, 0, &ie), NX_OK);
        CHECK_EQ(nx_vm_tick(&vm, &res), NX_STOP_HALTED);
        CHECK(res.init_ran);
        CHECK_EQ(res.init.stop, NX_STOP_TRAP);
        CHECK_EQ(res.init.trap, NX_TRAP_STACK_UNDERFLOW);
        CHECK_EQ(nx_vm_reg(&vm, 1), 3);
    }
}

static void test_load_errors(void) {
    begin("load errors");
    P(NX_OP_HALT, 0, 0, 0, 0);
    P(NX_OP_HALT, 0, 0, 0, 0);
    static const uint8_t b[4] = {1, 2, 3, 4};
    nx_segment ok = {NX_CFG_MEM_SIZE - 4, 4, b}, bad = {NX_CFG_MEM_SIZE - 3, 4, b}, wrap = {0xFFFFFFFFU, 4, b};
    nx_entries e1 = {4, NX_NO_ENTRY, NX_NO_ENTRY}, e2 = {0, 16, NX_NO_ENTRY}, e3 = {0, NX_NO_ENTRY, 8};
    CHECK_EQ(nx_vm_load(NULL, prog, plen, NULL, 0, NULL), NX_ERR_ARG);
    CHECK_EQ(nx_vm_load(&vm, prog, 12, NULL, 0, NULL), NX_ERR_CODE_LEN);
    CHECK_EQ(nx_vm_load(&vm, prog, NX_MAX_CODE_SIZE + 8, NULL, 0, NULL), NX_ERR_CODE_SIZE);
    CHECK_EQ(nx_vm_load(&vm, prog, plen, &ok, 1, NULL), NX_OK);
    CHECK_EQ(nx_vm_memory(&vm, NULL)[NX_CFG_MEM_SIZE - 1], 4);
    CHECK_EQ(nx_vm_load(&vm, prog, plen, &bad, 1, NULL), NX_ERR_SEGMENT);
    CHECK_EQ(nx_vm_load(&vm, prog, plen, &wrap, 1, NULL), NX_ERR_SEGMENT);
    CHECK_EQ(nx_vm_load(&vm, prog, plen, NULL, 0, &e1), NX_ERR_ENTRY);
    CHECK_EQ(nx_vm_load(&vm, prog, plen, NULL, 0, &e2), NX_ERR_ENTRY);
    CHECK_EQ(nx_vm_load(&vm, prog, plen, NULL, 0, &e3), NX_OK);
    CHECK(strcmp(nx_strerror(NX_ERR_SEGMENT), "a data segment does not fit in data memory") == 0);
    CHECK(strcmp(nx_strerror(12345), "unknown error") == 0);
}

int main(void) {
    test_alu();
    test_cmp();
    test_memory();
    test_control();
    test_decode();
    test_budget();
    test_io_queues();
    test_ticks();
    test_load_errors();
    printf("test_vm (mem %u, queue %u): %d checks, %d failures\n", (unsigned)NX_CFG_MEM_SIZE,
           (unsigned)NX_CFG_QUEUE_CAP, checks, failures);
    return failures != 0;
}
