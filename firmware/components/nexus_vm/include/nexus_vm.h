/*
 * nexus_vm.h: the NEXUS bytecode interpreter for the firmware (C11).
 *
 * This is the C twin of the Go VM (package vm): it implements spec/isa.md
 * exactly under the esp32 profile, where the A2A opcodes are one-cycle NOPs.
 *
 * Model. The caller owns every byte: it allocates one nx_vm (statically, on
 * a microcontroller; it holds the registers, the stack, data memory and the
 * three queues, about NX_CFG_MEM_SIZE + 4 * NX_CFG_STACK_DEPTH + 16 *
 * NX_CFG_QUEUE_CAP bytes), and keeps the code and data segments it passes to
 * nx_vm_load alive and unchanged while the machine is in use (the VM reads
 * code in place and re-reads the segments on nx_vm_reset). Nothing allocates,
 * nothing recurses, there is no floating point and no libc call.
 *
 * Execution. nx_vm_step runs one instruction, nx_vm_run up to a cycle budget;
 * both stop on HALT, on a trap, on running past the last instruction (which
 * halts without costing a cycle) or when the budget is spent (NX_STOP_BUDGET,
 * resumable by running again). A trap leaves pc on the faulting instruction,
 * the cycle count as before it and the machine otherwise untouched. A halted
 * or trapped machine stays stopped until nx_vm_tick or nx_vm_reset.
 *
 * Tick model (spec/isa.md section 12). nx_vm_tick runs the init entry once
 * (the first time), then the tick entry with fresh registers, flags and stack
 * and the per-tick budget, then the failsafe entry if the tick trapped or ran
 * out of budget and the program has one. Data memory and the queues persist.
 *
 * The struct below is public only so that callers can allocate it; its
 * fields are private (read the state through the accessors).
 */
#ifndef NEXUS_VM_H
#define NEXUS_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nexus_isa.h"
#include "nexus_vm_config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Return codes of nx_vm_load and friends: 0 is success, errors are
 * negative; nx_strerror gives a constant description. */
enum nx_status {
    NX_OK = 0,
    NX_ERR_ARG = -1,        /* a required pointer is NULL */
    NX_ERR_CODE_LEN = -2,   /* code length is not a multiple of 8 bytes */
    NX_ERR_CODE_SIZE = -3,  /* code is larger than NX_MAX_CODE_SIZE */
    NX_ERR_SEGMENT = -4,    /* a data segment does not fit in data memory */
    NX_ERR_ENTRY = -5,      /* an entry point is not the address of an instruction */
};

/* Returns a constant, lower-case description of a status code. */
const char *nx_strerror(int status);

/* Returns the trap's code name as in spec/isa.md ("DIV_BY_ZERO"), or "?"
 * for a number that is not a trap. */
const char *nx_trap_name(int trap);

/* Why execution stopped (the Go VM's vm.Stop, same numbering). */
typedef enum nx_stop {
    NX_STOP_NONE = 0,   /* still runnable, or not yet run */
    NX_STOP_HALTED = 1, /* HALT executed, or pc ran past the end of the code */
    NX_STOP_TRAP = 2,   /* a fault; nx_vm_trap says which */
    NX_STOP_BUDGET = 3, /* the cycle budget is spent; running again resumes */
} nx_stop;

/* An absent optional entry point (nxb.NoEntry). */
#define NX_NO_ENTRY 0xFFFFFFFFU

/* Entry points: code byte addresses. tick is required (0 for a raw
 * program); init and failsafe are NX_NO_ENTRY when absent. */
typedef struct nx_entries {
    uint32_t tick;
    uint32_t init;
    uint32_t failsafe;
} nx_entries;

/* One data segment: len bytes copied to data memory at addr on load/reset. */
typedef struct nx_segment {
    uint32_t addr;
    uint32_t len;
    const uint8_t *bytes;
} nx_segment;

/* The host side of READ_IO and WRITE_IO. ch is always 16..31. A NULL
 * io_read reads 0; a NULL io_write drops the write. */
typedef struct nx_hal {
    uint32_t (*io_read)(void *user, uint8_t ch);
    void (*io_write)(void *user, uint8_t ch, uint32_t value);
    void *user;
} nx_hal;

/* How one activation (init, tick or failsafe entry) ended. */
typedef struct nx_run_result {
    nx_stop stop;
    uint8_t trap;    /* enum nx_trap; NX_TRAP_NONE unless stop is NX_STOP_TRAP */
    uint32_t pc;
    uint64_t cycles;
} nx_run_result;

/* The machine as the tick entry left it, kept when the failsafe ran
 * (the stack's contents are not kept, only its depth). */
typedef struct nx_tick_snapshot {
    uint32_t regs[NX_NUM_GP_REGS];
    bool zero, negative;
    uint32_t stack_depth;
} nx_tick_snapshot;

/* How one tick ended: tick describes the tick entry's run. init_ran says
 * whether this call ran the init entry (then init is its result);
 * failsafe_ran whether the failsafe ran (then failsafe is its result,
 * snapshot the machine as the tick entry left it, and the accessors show
 * the failsafe's final state). */
typedef struct nx_tick_result {
    nx_run_result tick;
    bool init_ran;
    nx_run_result init;
    bool failsafe_ran;
    nx_run_result failsafe;
    nx_tick_snapshot snapshot;
} nx_tick_result;

typedef struct nx_send {
    uint8_t channel;
    uint32_t value;
} nx_send;

/* The machine. Allocate it yourself (statically on a device); treat every
 * field as private. */
typedef struct nx_vm {
    /* hot state */
    uint32_t regs_[NX_NUM_GP_REGS];
    uint32_t flag_;     /* last flag-setting result: Z = flag == 0, N = bit 31; initially 1 */
    uint32_t pc_;
    uint32_t sp_;
    uint8_t stop_;      /* nx_stop */
    uint8_t trap_;      /* enum nx_trap */
    bool sleep_req_;
    bool init_done_;
    uint32_t sleep_ms_;
    uint64_t cycles_;   /* this activation */
    uint64_t total_;    /* since load/reset */
    uint64_t budget_;   /* per tick */
    /* program (caller-owned) */
    const uint8_t *code_;
    uint32_t code_len_;
    const nx_segment *segs_;
    size_t nsegs_;
    nx_entries entry_;
    nx_hal hal_;
    /* queues: rings of NX_CFG_QUEUE_CAP */
    uint16_t send_head_, send_n_;
    uint16_t recv_head_, recv_n_;
    uint16_t intr_head_, intr_n_;
    nx_send send_[NX_CFG_QUEUE_CAP];
    uint32_t recv_[NX_CFG_QUEUE_CAP];
    uint32_t intr_[NX_CFG_QUEUE_CAP];
    uint32_t stack_[NX_CFG_STACK_DEPTH];
    uint8_t mem_[NX_CFG_MEM_SIZE];
} nx_vm;

/* Loads a program: checks it (code length a multiple of 8 and at most
 * NX_MAX_CODE_SIZE, segments inside data memory, entries the addresses of
 * instructions, or tick 0 for empty code), then resets the machine. segs may
 * be NULL when nsegs is 0; entries NULL means tick 0, no init, no failsafe.
 * The HAL is cleared (no IO) and the per-tick budget set to
 * NX_CFG_DEFAULT_BUDGET. Invalid instructions are not load errors: they trap
 * when executed. On error the machine is left unusable until a successful
 * load. */
int nx_vm_load(nx_vm *vm, const uint8_t *code, uint32_t code_len, const nx_segment *segs, size_t nsegs,
               const nx_entries *entries);

/* Sets the IO callbacks (copied; NULL clears them). */
void nx_vm_set_hal(nx_vm *vm, const nx_hal *hal);

/* Sets the per-tick budget used by nx_vm_tick/nx_vm_init; 0 means the
 * default. */
void nx_vm_set_budget(nx_vm *vm, uint64_t budget);

/* Returns the machine to its just-loaded state: memory zeroed and the
 * segments copied in, registers, flags, stack and queues cleared, cycle
 * counts zero, pc at the tick entry, init not yet run. */
void nx_vm_reset(nx_vm *vm);

/* Executes one instruction: NX_STOP_NONE if still runnable afterwards,
 * NX_STOP_HALTED or NX_STOP_TRAP otherwise. */
nx_stop nx_vm_step(nx_vm *vm);

/* Executes from the current pc for up to budget more cycles. */
nx_stop nx_vm_run(nx_vm *vm, uint64_t budget);

/* Runs the init entry if the program has one and it has not run since
 * load/reset; returns false (and leaves *res alone) when it ran nothing. */
bool nx_vm_init(nx_vm *vm, nx_run_result *res);

/* Runs one tick (see the model above). res may be NULL. Returns the tick
 * entry's stop. */
nx_stop nx_vm_tick(nx_vm *vm, nx_tick_result *res);

/* State accessors. */
uint32_t nx_vm_pc(const nx_vm *vm);
uint64_t nx_vm_cycles(const nx_vm *vm);       /* this activation */
uint64_t nx_vm_total_cycles(const nx_vm *vm); /* since load/reset */
nx_stop nx_vm_status(const nx_vm *vm);
int nx_vm_trap(const nx_vm *vm);               /* enum nx_trap */
uint32_t nx_vm_reg(const nx_vm *vm, unsigned n); /* R0..R31; R16..R31 read 0 */
bool nx_vm_flag_zero(const nx_vm *vm);
bool nx_vm_flag_negative(const nx_vm *vm);
uint32_t nx_vm_stack_depth(const nx_vm *vm);
uint32_t nx_vm_stack_at(const nx_vm *vm, uint32_t k); /* k from the bottom; 0 if out of range */
bool nx_vm_sleep_request(const nx_vm *vm, uint32_t *ms); /* last SLEEP of this activation */
uint8_t *nx_vm_memory(nx_vm *vm, uint32_t *size);        /* data memory itself */

/* Queues (capacity NX_CFG_QUEUE_CAP each). The push functions return false
 * when the queue is full, the pop functions false when it is empty. */
bool nx_vm_push_recv(nx_vm *vm, uint32_t value);
bool nx_vm_pop_send(nx_vm *vm, nx_send *out);
bool nx_vm_pop_interrupt(nx_vm *vm, uint32_t *out);
bool nx_vm_push_interrupt(nx_vm *vm, uint32_t value);
uint32_t nx_vm_send_count(const nx_vm *vm);
uint32_t nx_vm_recv_count(const nx_vm *vm);
uint32_t nx_vm_interrupt_count(const nx_vm *vm);

#ifdef __cplusplus
}
#endif

#endif /* NEXUS_VM_H */
