/*
 * nexus_vm.c: the NEXUS interpreter (see nexus_vm.h and spec/isa.md).
 *
 * The dispatch loop decodes each 8-byte instruction in place (byte-wise, so
 * it is independent of the host's endianness and alignment) and checks, in
 * the order of spec/isa.md section 5.1: past the end, budget, opcode and
 * mode, register fields (rd, rs1, rs2), then the operation's own faults.
 * Every check precedes every write, so a faulting instruction changes
 * nothing. Arithmetic is unsigned (wrapping is defined); signed views are
 * formed without implementation-defined conversions.
 */
#include "nexus_vm.h"

/* Branch hints for the fault paths (GCC/Clang); plain conditions elsewhere. */
#if defined(__GNUC__)
#define NX_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define NX_UNLIKELY(x) (x)
#endif

/* ---- helpers ---------------------------------------------------------- */

static uint32_t ld32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void st32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* The int64 value of a as a signed 32-bit number, without relying on an
 * implementation-defined unsigned-to-signed conversion. */
static int64_t sx(uint32_t a) { return (int64_t)(a ^ 0x80000000U) - (int64_t)0x80000000; }

/* Arithmetic right shift of a 64-bit value by k (0..63), portable. */
static int64_t asr64(int64_t v, unsigned k) { return v < 0 ? ~(~v >> k) : v >> k; }

/* isa.Mul: low 32 bits of (int64 a * int64 b) >> k, arithmetic. |a*b| <= 2^62. */
static uint32_t nx_mul(uint32_t a, uint32_t b, unsigned k) {
    return (uint32_t)(uint64_t)asr64(sx(a) * sx(b), k);
}

/* isa.Div: low 32 bits of trunc((a * 2^k) / b), b != 0. The dividend is at
 * most 2^62 in magnitude, so neither it nor the quotient overflows (this is
 * also why INT_MIN / -1 needs no special case: it is 2^31, whose low 32 bits
 * are INT_MIN). C division truncates toward zero. */
static uint32_t nx_div(uint32_t a, uint32_t b, unsigned k) {
    int64_t n = sx(a) * ((int64_t)1 << k);
    return (uint32_t)(uint64_t)(n / sx(b));
}

static uint32_t sar32(uint32_t a, uint32_t s) {
    s &= 31U;
    return (a & 0x80000000U) ? ~(~a >> s) : a >> s;
}

static void zero_bytes(uint8_t *p, size_t n) {
    for (size_t k = 0; k < n; k++) {
        p[k] = 0;
    }
}

/* memmove on data memory. */
static void move_bytes(uint8_t *mem, uint32_t dst, uint32_t src, uint32_t n) {
    if (dst < src) {
        for (uint32_t k = 0; k < n; k++) {
            mem[dst + k] = mem[src + k];
        }
    } else if (dst > src) {
        for (uint32_t k = n; k > 0; k--) {
            mem[dst + k - 1] = mem[src + k - 1];
        }
    }
}

/* Signed comparison via the sign-flip trick: a < b signed iff
 * (a ^ 2^31) < (b ^ 2^31) unsigned. */
static bool lts(uint32_t a, uint32_t b) { return (a ^ 0x80000000U) < (b ^ 0x80000000U); }

static uint32_t cond_eval(uint32_t c, uint32_t a, uint32_t b) {
    switch (c) {
    case NX_COND_EQ: return a == b;
    case NX_COND_NE: return a != b;
    case NX_COND_LT: return lts(a, b);
    case NX_COND_LE: return !lts(b, a);
    case NX_COND_GT: return lts(b, a);
    case NX_COND_GE: return !lts(a, b);
    case NX_COND_LTU: return a < b;
    case NX_COND_LEU: return a <= b;
    case NX_COND_GTU: return a > b;
    default: return a >= b; /* NX_COND_GEU; callers check the range */
    }
}

/* Which opcodes in 0x20..0xFF are defined A2A opcodes (NOPs under esp32). */
#define NX_A2A_ENTRY(name, code, form, rd, rs1, rs2, imm, flags, a2a) [code] = (a2a),
static const uint8_t a2a_defined[256] = {NX_OPCODES(NX_A2A_ENTRY)};
#undef NX_A2A_ENTRY

/* ---- status strings --------------------------------------------------- */

const char *nx_strerror(int status) {
    switch (status) {
    case NX_OK: return "ok";
    case NX_ERR_ARG: return "missing argument (null pointer)";
    case NX_ERR_CODE_LEN: return "code length is not a multiple of 8 bytes";
    case NX_ERR_CODE_SIZE: return "code is larger than 65536 bytes";
    case NX_ERR_SEGMENT: return "a data segment does not fit in data memory";
    case NX_ERR_ENTRY: return "an entry point is not the address of an instruction in the code";
    default: return "unknown error";
    }
}

#define NX_TRAP_NAME(name, code) [code] = #name,
static const char *const trap_names[NX_NUM_TRAPS] = {NX_TRAPS(NX_TRAP_NAME)};
#undef NX_TRAP_NAME

const char *nx_trap_name(int trap) {
    if (trap < 0 || trap >= NX_NUM_TRAPS) {
        return "?";
    }
    return trap_names[trap];
}

/* ---- load, reset, activations ----------------------------------------- */

static bool entry_ok(uint32_t e, uint32_t n, bool optional) {
    if (optional && e == NX_NO_ENTRY) {
        return true;
    }
    if (n == 0) {
        return e == 0;
    }
    return e % NX_INSN_SIZE == 0 && e < n;
}

int nx_vm_load(nx_vm *vm, const uint8_t *code, uint32_t code_len, const nx_segment *segs, size_t nsegs,
               const nx_entries *entries) {
    if (vm == NULL || (code == NULL && code_len != 0) || (segs == NULL && nsegs != 0)) {
        return NX_ERR_ARG;
    }
    vm->code_ = NULL;
    vm->code_len_ = 0;
    vm->segs_ = NULL;
    vm->nsegs_ = 0;
    if (code_len % NX_INSN_SIZE != 0) {
        return NX_ERR_CODE_LEN;
    }
    if (code_len > NX_MAX_CODE_SIZE) {
        return NX_ERR_CODE_SIZE;
    }
    for (size_t k = 0; k < nsegs; k++) {
        if (segs[k].len != 0 && segs[k].bytes == NULL) {
            return NX_ERR_ARG;
        }
        if ((uint64_t)segs[k].addr + segs[k].len > NX_CFG_MEM_SIZE) {
            return NX_ERR_SEGMENT;
        }
    }
    nx_entries e = {0, NX_NO_ENTRY, NX_NO_ENTRY};
    if (entries != NULL) {
        e = *entries;
    }
    if (!entry_ok(e.tick, code_len, false) || !entry_ok(e.init, code_len, true) ||
        !entry_ok(e.failsafe, code_len, true)) {
        return NX_ERR_ENTRY;
    }
    vm->code_ = code;
    vm->code_len_ = code_len;
    vm->segs_ = segs;
    vm->nsegs_ = nsegs;
    vm->entry_ = e;
    vm->hal_.io_read = NULL;
    vm->hal_.io_write = NULL;
    vm->hal_.user = NULL;
    vm->budget_ = NX_CFG_DEFAULT_BUDGET;
    nx_vm_reset(vm);
    return NX_OK;
}

void nx_vm_set_hal(nx_vm *vm, const nx_hal *hal) {
    if (hal == NULL) {
        vm->hal_.io_read = NULL;
        vm->hal_.io_write = NULL;
        vm->hal_.user = NULL;
        return;
    }
    /* Field by field: gcc may lower a struct copy to memcpy, which a
     * freestanding build (-nostdlib) does not have. */
    vm->hal_.io_read = hal->io_read;
    vm->hal_.io_write = hal->io_write;
    vm->hal_.user = hal->user;
}

void nx_vm_set_budget(nx_vm *vm, uint64_t budget) { vm->budget_ = budget == 0 ? NX_CFG_DEFAULT_BUDGET : budget; }

/* Starts an activation at entry: fresh registers, flags and stack. */
static void activate(nx_vm *vm, uint32_t entry) {
    for (unsigned k = 0; k < NX_NUM_GP_REGS; k++) {
        vm->regs_[k] = 0;
    }
    vm->flag_ = 1;
    vm->sp_ = 0;
    vm->pc_ = entry;
    vm->stop_ = NX_STOP_NONE;
    vm->trap_ = NX_TRAP_NONE;
    vm->cycles_ = 0;
    vm->sleep_ms_ = 0;
    vm->sleep_req_ = false;
}

void nx_vm_reset(nx_vm *vm) {
    zero_bytes(vm->mem_, sizeof vm->mem_);
    for (size_t k = 0; k < vm->nsegs_; k++) {
        const nx_segment *s = &vm->segs_[k];
        for (uint32_t j = 0; j < s->len; j++) {
            vm->mem_[s->addr + j] = s->bytes[j];
        }
    }
    vm->send_head_ = vm->send_n_ = 0;
    vm->recv_head_ = vm->recv_n_ = 0;
    vm->intr_head_ = vm->intr_n_ = 0;
    vm->total_ = 0;
    vm->init_done_ = false;
    activate(vm, vm->entry_.tick);
}

/* ---- queues ----------------------------------------------------------- */

static unsigned ring_at(unsigned head, unsigned k) {
    unsigned j = head + k;
    return j >= NX_CFG_QUEUE_CAP ? j - NX_CFG_QUEUE_CAP : j;
}

static bool send_push(nx_vm *vm, uint8_t ch, uint32_t v) {
    if (vm->send_n_ == NX_CFG_QUEUE_CAP) {
        return false;
    }
    nx_send *s = &vm->send_[ring_at(vm->send_head_, vm->send_n_)];
    s->channel = ch;
    s->value = v;
    vm->send_n_++;
    return true;
}

bool nx_vm_pop_send(nx_vm *vm, nx_send *out) {
    if (vm->send_n_ == 0) {
        return false;
    }
    if (out != NULL) {
        *out = vm->send_[vm->send_head_];
    }
    vm->send_head_ = (uint16_t)ring_at(vm->send_head_, 1);
    vm->send_n_--;
    return true;
}

static bool u32_push(uint32_t *buf, uint16_t head, uint16_t *n, uint32_t v) {
    if (*n == NX_CFG_QUEUE_CAP) {
        return false;
    }
    buf[ring_at(head, *n)] = v;
    (*n)++;
    return true;
}

static bool u32_pop(const uint32_t *buf, uint16_t *head, uint16_t *n, uint32_t *out) {
    if (*n == 0) {
        return false;
    }
    if (out != NULL) {
        *out = buf[*head];
    }
    *head = (uint16_t)ring_at(*head, 1);
    (*n)--;
    return true;
}

bool nx_vm_push_recv(nx_vm *vm, uint32_t v) { return u32_push(vm->recv_, vm->recv_head_, &vm->recv_n_, v); }
bool nx_vm_push_interrupt(nx_vm *vm, uint32_t v) { return u32_push(vm->intr_, vm->intr_head_, &vm->intr_n_, v); }
bool nx_vm_pop_interrupt(nx_vm *vm, uint32_t *out) {
    return u32_pop(vm->intr_, &vm->intr_head_, &vm->intr_n_, out);
}
uint32_t nx_vm_send_count(const nx_vm *vm) { return vm->send_n_; }
uint32_t nx_vm_recv_count(const nx_vm *vm) { return vm->recv_n_; }
uint32_t nx_vm_interrupt_count(const nx_vm *vm) { return vm->intr_n_; }

/* ---- the dispatch loop ------------------------------------------------ */

/* exec runs from pc for up to budget cycles and records how it stopped.
 * Loop state lives in locals and is written back once. */
static nx_stop exec(nx_vm *vm, uint64_t budget) {
    const uint8_t *const code = vm->code_;
    const uint32_t len = vm->code_len_;
    uint32_t *const r = vm->regs_;
    uint32_t *const stack = vm->stack_;
    uint8_t *const mem = vm->mem_;
    uint32_t pc = vm->pc_;
    uint32_t flag = vm->flag_;
    uint32_t sp = vm->sp_;
    uint64_t left = budget;
    uint8_t trap = NX_TRAP_NONE;
    nx_stop stop;

    for (;;) {
        if (pc >= len) {
            stop = NX_STOP_HALTED; /* past the end: no cycle, pc stays */
            break;
        }
        if (left == 0) {
            stop = NX_STOP_BUDGET;
            break;
        }
        const uint8_t *in = code + pc;
        const uint32_t op = in[0], rd = in[1], rs1 = in[2], rs2 = in[3];
        const uint32_t imm = ld32(in + NX_OFF_IMM);
        uint32_t next = pc + NX_INSN_SIZE;

        switch (op) {
        case NX_OP_NOP:
            break;
        case NX_OP_LOAD_CONST:
            if (NX_UNLIKELY(rd >= 16)) goto bad_register;
            r[rd] = imm;
            break;
        case NX_OP_LOAD_REG: {
            if (NX_UNLIKELY((rd | rs1) >= 16)) goto bad_register;
            uint32_t a = r[rs1] + imm;
            if (NX_UNLIKELY((uint64_t)a + 4 > NX_CFG_MEM_SIZE)) goto mem_oob;
            r[rd] = ld32(mem + a);
            break;
        }
        case NX_OP_STORE_REG: {
            if (NX_UNLIKELY((rd | rs1) >= 16)) goto bad_register;
            uint32_t a = r[rs1] + imm;
            if (NX_UNLIKELY((uint64_t)a + 4 > NX_CFG_MEM_SIZE)) goto mem_oob;
            st32(mem + a, r[rd]);
            break;
        }
        case NX_OP_ADD:
            if (NX_UNLIKELY((rd | rs1 | rs2) >= 16)) goto bad_register;
            flag = r[rd] = r[rs1] + r[rs2];
            break;
        case NX_OP_SUB:
            if (NX_UNLIKELY((rd | rs1 | rs2) >= 16)) goto bad_register;
            flag = r[rd] = r[rs1] - r[rs2];
            break;
        case NX_OP_MUL:
            if (NX_UNLIKELY(imm > NX_MAX_SHIFT_K)) goto bad_opcode;
            if (NX_UNLIKELY((rd | rs1 | rs2) >= 16)) goto bad_register;
            flag = r[rd] = imm == 0 ? r[rs1] * r[rs2] : nx_mul(r[rs1], r[rs2], imm);
            break;
        case NX_OP_DIV:
            if (NX_UNLIKELY(imm > NX_MAX_SHIFT_K)) goto bad_opcode;
            if (NX_UNLIKELY((rd | rs1 | rs2) >= 16)) goto bad_register;
            if (r[rs2] == 0) {
                trap = NX_TRAP_DIV_BY_ZERO;
                goto fault;
            }
            flag = r[rd] = nx_div(r[rs1], r[rs2], imm);
            break;
        case NX_OP_AND:
            if (NX_UNLIKELY((rd | rs1 | rs2) >= 16)) goto bad_register;
            flag = r[rd] = r[rs1] & r[rs2];
            break;
        case NX_OP_OR:
            if (NX_UNLIKELY((rd | rs1 | rs2) >= 16)) goto bad_register;
            flag = r[rd] = r[rs1] | r[rs2];
            break;
        case NX_OP_XOR:
            if (NX_UNLIKELY((rd | rs1 | rs2) >= 16)) goto bad_register;
            flag = r[rd] = r[rs1] ^ r[rs2];
            break;
        case NX_OP_NOT:
            if (NX_UNLIKELY((rd | rs1) >= 16)) goto bad_register;
            flag = r[rd] = ~r[rs1];
            break;
        case NX_OP_SHL:
            if (NX_UNLIKELY((rd | rs1 | rs2) >= 16)) goto bad_register;
            flag = r[rd] = r[rs1] << (r[rs2] & 31U);
            break;
        case NX_OP_SHR:
            if (NX_UNLIKELY(imm > 1)) goto bad_opcode;
            if (NX_UNLIKELY((rd | rs1 | rs2) >= 16)) goto bad_register;
            flag = r[rd] = imm ? sar32(r[rs1], r[rs2]) : r[rs1] >> (r[rs2] & 31U);
            break;
        case NX_OP_CMP:
            if (NX_UNLIKELY(imm > NX_COND_MAX)) goto bad_opcode;
            if (imm == NX_COND_NONE) {
                if (NX_UNLIKELY((rs1 | rs2) >= 16)) goto bad_register;
                flag = r[rs1] - r[rs2];
            } else {
                if (NX_UNLIKELY((rd | rs1 | rs2) >= 16)) goto bad_register;
                flag = r[rd] = cond_eval(imm, r[rs1], r[rs2]);
            }
            break;
        case NX_OP_JMP:
            if (NX_UNLIKELY(imm < len && imm % NX_INSN_SIZE != 0)) goto bad_jump;
            next = imm;
            break;
        case NX_OP_JZ:
            if (flag == 0) {
                if (NX_UNLIKELY(imm < len && imm % NX_INSN_SIZE != 0)) goto bad_jump;
                next = imm;
            }
            break;
        case NX_OP_JNZ:
            if (flag != 0) {
                if (NX_UNLIKELY(imm < len && imm % NX_INSN_SIZE != 0)) goto bad_jump;
                next = imm;
            }
            break;
        case NX_OP_CALL:
            if (NX_UNLIKELY(imm < len && imm % NX_INSN_SIZE != 0)) goto bad_jump; /* before the stack check */
            if (sp == NX_CFG_STACK_DEPTH) {
                trap = NX_TRAP_STACK_OVERFLOW;
                goto fault;
            }
            stack[sp++] = next;
            next = imm;
            break;
        case NX_OP_RET: {
            if (sp == 0) {
                trap = NX_TRAP_STACK_UNDERFLOW;
                goto fault;
            }
            uint32_t t = stack[sp - 1];
            if (NX_UNLIKELY(t < len && t % NX_INSN_SIZE != 0)) goto bad_jump;
            sp--;
            next = t;
            break;
        }
        case NX_OP_PUSH:
            if (NX_UNLIKELY(rd >= 16)) goto bad_register;
            if (sp == NX_CFG_STACK_DEPTH) {
                trap = NX_TRAP_STACK_OVERFLOW;
                goto fault;
            }
            stack[sp++] = r[rd];
            break;
        case NX_OP_POP:
            if (NX_UNLIKELY(rd >= 16)) goto bad_register;
            if (sp == 0) {
                trap = NX_TRAP_STACK_UNDERFLOW;
                goto fault;
            }
            r[rd] = stack[--sp];
            break;
        case NX_OP_READ_IO:
            if (NX_UNLIKELY(rd >= 16)) goto bad_register;
            if (NX_UNLIKELY(rs1 < NX_FIRST_IO_CHANNEL || rs1 > NX_LAST_IO_CHANNEL)) goto bad_io;
            r[rd] = vm->hal_.io_read != NULL ? vm->hal_.io_read(vm->hal_.user, (uint8_t)rs1) : 0;
            break;
        case NX_OP_WRITE_IO:
            if (NX_UNLIKELY(rd < NX_FIRST_IO_CHANNEL || rd > NX_LAST_IO_CHANNEL)) goto bad_io;
            if (NX_UNLIKELY(rs1 >= 16)) goto bad_register;
            if (vm->hal_.io_write != NULL) {
                vm->hal_.io_write(vm->hal_.user, (uint8_t)rd, r[rs1]);
            }
            break;
        case NX_OP_HALT:
            left--;
            stop = NX_STOP_HALTED; /* pc stays on the HALT */
            goto done;
        case NX_OP_SLEEP:
            vm->sleep_ms_ = imm;
            vm->sleep_req_ = true;
            break;
        case NX_OP_SEND:
            if (NX_UNLIKELY(rs1 >= 16)) goto bad_register;
            if (!send_push(vm, (uint8_t)rd, r[rs1])) {
                trap = NX_TRAP_QUEUE_FULL;
                goto fault;
            }
            break;
        case NX_OP_RECV:
            if (NX_UNLIKELY(rd >= 16)) goto bad_register;
            if (!u32_pop(vm->recv_, &vm->recv_head_, &vm->recv_n_, &r[rd])) {
                r[rd] = 0xFFFFFFFFU;
            }
            break;
        case NX_OP_ALLOC:
            if (NX_UNLIKELY((rd | rs1) >= 16)) goto bad_register;
            if (NX_UNLIKELY((uint64_t)imm + r[rs1] > NX_CFG_MEM_SIZE)) goto mem_oob;
            r[rd] = imm;
            break;
        case NX_OP_FREE:
            if (NX_UNLIKELY(rd >= 16)) goto bad_register;
            break;
        case NX_OP_DMA_COPY: {
            if (NX_UNLIKELY((rd | rs1) >= 16)) goto bad_register;
            uint32_t src = r[rs1], dst = r[rd];
            if (NX_UNLIKELY((uint64_t)src + imm > NX_CFG_MEM_SIZE || (uint64_t)dst + imm > NX_CFG_MEM_SIZE)) goto mem_oob;
            move_bytes(mem, dst, src, imm);
            break;
        }
        case NX_OP_INTERRUPT:
            if (!u32_push(vm->intr_, vm->intr_head_, &vm->intr_n_, imm)) {
                trap = NX_TRAP_QUEUE_FULL;
                goto fault;
            }
            break;
        default:
            if (NX_UNLIKELY(!a2a_defined[op])) goto bad_opcode;
            break; /* esp32 profile: an A2A opcode is a one-cycle NOP */
        }
        left--;
        pc = next;
        continue;

    bad_opcode:
        trap = NX_TRAP_BAD_OPCODE;
        goto fault;
    bad_register:
        trap = NX_TRAP_BAD_REGISTER;
        goto fault;
    bad_io:
        trap = NX_TRAP_BAD_IO_CHANNEL;
        goto fault;
    bad_jump:
        trap = NX_TRAP_BAD_JUMP;
        goto fault;
    mem_oob:
        trap = NX_TRAP_MEM_OUT_OF_BOUNDS;
        goto fault;
    fault:
        stop = NX_STOP_TRAP;
        break;
    }
done:
    vm->pc_ = pc;
    vm->flag_ = flag;
    vm->sp_ = sp;
    vm->stop_ = (uint8_t)stop;
    vm->trap_ = trap;
    vm->cycles_ += budget - left;
    vm->total_ += budget - left;
    return stop;
}

/* ---- public execution ------------------------------------------------- */

static bool stopped(const nx_vm *vm) { return vm->stop_ == NX_STOP_HALTED || vm->stop_ == NX_STOP_TRAP; }

nx_stop nx_vm_step(nx_vm *vm) {
    if (stopped(vm)) {
        return (nx_stop)vm->stop_;
    }
    if (exec(vm, 1) == NX_STOP_BUDGET) {
        vm->stop_ = NX_STOP_NONE;
    }
    return (nx_stop)vm->stop_;
}

nx_stop nx_vm_run(nx_vm *vm, uint64_t budget) {
    if (stopped(vm)) {
        return (nx_stop)vm->stop_;
    }
    return exec(vm, budget);
}

static void result(const nx_vm *vm, nx_run_result *res) {
    res->stop = (nx_stop)vm->stop_;
    res->trap = vm->trap_;
    res->pc = vm->pc_;
    res->cycles = vm->cycles_;
}

static void run_entry(nx_vm *vm, uint32_t entry, nx_run_result *res) {
    activate(vm, entry);
    exec(vm, vm->budget_);
    result(vm, res);
}

bool nx_vm_init(nx_vm *vm, nx_run_result *res) {
    if (vm->init_done_ || vm->entry_.init == NX_NO_ENTRY) {
        return false;
    }
    vm->init_done_ = true;
    nx_run_result tmp;
    run_entry(vm, vm->entry_.init, res != NULL ? res : &tmp);
    return true;
}

nx_stop nx_vm_tick(nx_vm *vm, nx_tick_result *res) {
    nx_tick_result tmp;
    if (res == NULL) {
        res = &tmp;
    }
    res->init_ran = nx_vm_init(vm, &res->init);
    res->failsafe_ran = false;
    run_entry(vm, vm->entry_.tick, &res->tick);
    if ((res->tick.stop == NX_STOP_TRAP || res->tick.stop == NX_STOP_BUDGET) && vm->entry_.failsafe != NX_NO_ENTRY) {
        for (unsigned k = 0; k < NX_NUM_GP_REGS; k++) {
            res->snapshot.regs[k] = vm->regs_[k];
        }
        res->snapshot.zero = vm->flag_ == 0;
        res->snapshot.negative = (vm->flag_ >> 31) != 0;
        res->snapshot.stack_depth = vm->sp_;
        res->failsafe_ran = true;
        run_entry(vm, vm->entry_.failsafe, &res->failsafe);
    }
    return res->tick.stop;
}

/* ---- accessors -------------------------------------------------------- */

uint32_t nx_vm_pc(const nx_vm *vm) { return vm->pc_; }
uint64_t nx_vm_cycles(const nx_vm *vm) { return vm->cycles_; }
uint64_t nx_vm_total_cycles(const nx_vm *vm) { return vm->total_; }
nx_stop nx_vm_status(const nx_vm *vm) { return (nx_stop)vm->stop_; }
int nx_vm_trap(const nx_vm *vm) { return vm->trap_; }
uint32_t nx_vm_reg(const nx_vm *vm, unsigned n) { return n < NX_NUM_GP_REGS ? vm->regs_[n] : 0; }
bool nx_vm_flag_zero(const nx_vm *vm) { return vm->flag_ == 0; }
bool nx_vm_flag_negative(const nx_vm *vm) { return (vm->flag_ >> 31) != 0; }
uint32_t nx_vm_stack_depth(const nx_vm *vm) { return vm->sp_; }
uint32_t nx_vm_stack_at(const nx_vm *vm, uint32_t k) { return k < vm->sp_ ? vm->stack_[k] : 0; }

bool nx_vm_sleep_request(const nx_vm *vm, uint32_t *ms) {
    if (ms != NULL) {
        *ms = vm->sleep_ms_;
    }
    return vm->sleep_req_;
}

uint8_t *nx_vm_memory(nx_vm *vm, uint32_t *size) {
    if (size != NULL) {
        *size = NX_CFG_MEM_SIZE;
    }
    return vm->mem_;
}
