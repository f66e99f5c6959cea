/*
 * nexus_validate.c: rules 1-3 and 5 of spec/validator.md, strict policy.
 *
 * The passes mirror validator/structure.go, cfg.go and time.go step for
 * step, so that the same errors exist and the first one (by pc) is the
 * same; read those files alongside this one.
 *
 * 1. structure: decode every instruction once (opcode, mode, register and
 *    channel fields, canonical encoding, targets), then the entry points.
 *    Any error stops here.
 * 2. walk: one depth-first search per function claims each instruction for
 *    exactly one function and records its stack depth relative to the
 *    function's entry. A function is an entry point or a CALL target; a
 *    CALL target first seen by a CALL is walked at once, before the caller's
 *    walk goes on (the Go walk recurses there; here the callee's frames are
 *    pushed on the same explicit stack, which is equivalent because the
 *    caller's frames are untouched until the callee's are gone).
 * 3. call graph: a depth-first search over functions (roots tick, init,
 *    failsafe; calls in the order the walk met them) finds recursion and
 *    computes each function's maximum stack depth callees first.
 * 4. time: a depth-first search over instructions, following fall-through,
 *    jumps and call edges, computes longest paths in post-order; a cycle
 *    (a loop, already an error) makes a path length unknown, as in Go.
 *
 * Work buffer, per instruction k (n = len / 8 <= 8192, so indices fit in
 * 13 bits and depths in 16):
 *   own[k]   u16  owner function (its entry index) and three flag bits
 *   depth[k] i16  relative stack depth before k; after the walk the slot of
 *                 a function's entry (whose depth is always 0) holds the
 *                 function's maximum stack depth
 *   seq[k]   u16  the explicit search stack (k | successor index << 14)
 *   cost[k]  u32  during the walk: the function's call list (high half of
 *                 the entry's slot: head; low half of a CALL's slot: next);
 *                 in the time pass: the longest path from k in cycles
 */
#include "nexus_validate.h"

/* ---- instruction fields ---- */

#define ROLE_BITS 4U
#define ROLE_MASK 0xFU
#define OP_DEFINED UINT32_C(0x10000)
#define PACK(rd, rs1, rs2, imm) \
    (OP_DEFINED | (uint32_t)(rd) | ((uint32_t)(rs1) << 4) | ((uint32_t)(rs2) << 8) | ((uint32_t)(imm) << 12))

/* Field roles per opcode, from the generated X-macro; zero = undefined. */
static const uint32_t op_table[] = {
#define NXV_OP(name, opc, form, rd, rs1, rs2, imm, flags, a2a) [opc] = PACK(rd, rs1, rs2, imm),
    NX_OPCODES(NXV_OP)
#undef NXV_OP
};
#define OP_TABLE_LEN (sizeof op_table / sizeof op_table[0])

static uint8_t op_at(const uint8_t *code, uint32_t k) { return code[(size_t)k * NX_INSN_SIZE + NX_OFF_OPCODE]; }

static uint32_t imm_at(const uint8_t *code, uint32_t k)
{
    const uint8_t *p = code + (size_t)k * NX_INSN_SIZE + NX_OFF_IMM;
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* ---- work arrays ---- */

#define OWN_ID(w) ((uint32_t)(w) & 0x1FFFU)
#define OWN_REG 0x2000U     /* walk: registered as a function entry (Go's funcAt) */
#define OWN_CLAIMED 0x4000U /* claimed by function OWN_ID (Go's owner) */
#define OWN_DONE 0x8000U    /* walk: finished (black); claimed and not done is grey */
/* After the walk the entry flag is implied (claimed and OWN_ID(w) == k) and
 * every claimed word is done, so the later searches reuse the two bits. */
#define MARK_GREY OWN_REG
#define MARK_BLACK OWN_DONE
#define NIL 0xFFFFU
#define FRAME(k, i) ((uint16_t)((k) | ((uint32_t)(i) << 14)))
#define FRAME_K(f) ((uint32_t)(f) & 0x3FFFU)
#define FRAME_I(f) ((uint32_t)(f) >> 14)

#define COST_UNKNOWN 0xFFFFFFFFU

enum { RANK_NOW = 0, RANK_LOOP = 1, RANK_LATE = 2 };

typedef struct vstate {
    const uint8_t *code;
    uint32_t n;          /* instructions */
    uint16_t *own;
    int16_t *depth;
    uint16_t *seq;
    uint32_t *cost;
    uint32_t ent[3];     /* distinct entry functions in Go's id order */
    uint32_t nent;
    uint32_t pending;    /* a function registered by a CALL, not yet walked; NIL if none */
    bool cf_error;       /* a rule-2 error: the stack-depth and WCET checks do not run */
    nx_validate_result *out;
    bool have;           /* first error so far: */
    bool first_whole;
    uint8_t first_rank;
    uint32_t first_pc;
} vstate;

/*
 * report records an error. The Go validator sorts its diagnostics by pc
 * (whole-program ones first), stably, so the first is the lowest pc and,
 * among equal pcs, the first reported. Reports here happen in Go's order
 * except that V501 is reported at the end of a function's walk there and
 * V204 after every walk; rank restores that order among equal pcs.
 */
static void report(vstate *s, const char *code, bool whole, uint32_t k, uint8_t rank)
{
    nx_validate_result *o = s->out;
    uint32_t pc = whole ? 0U : k * NX_INSN_SIZE;
    o->errors++;
    if (s->have) {
        if (s->first_whole)
            return;
        if (!whole && (pc > s->first_pc || (pc == s->first_pc && rank >= s->first_rank)))
            return;
    }
    s->have = true;
    s->first_whole = whole;
    s->first_rank = rank;
    s->first_pc = pc;
    o->code = code;
    o->has_pc = !whole;
    o->pc = pc;
}

static bool is_entry_point(const vstate *s, uint32_t f)
{
    for (uint32_t e = 0; e < s->nent; e++)
        if (s->ent[e] == f)
            return true;
    return false;
}

/* ---- rule 1: structure ---- */

static bool mode_valid(uint8_t op, uint32_t imm)
{
    switch (op) {
    case NX_OP_CMP:
        return imm <= NX_COND_MAX;
    case NX_OP_MUL:
    case NX_OP_DIV:
        return imm <= NX_MAX_SHIFT_K;
    case NX_OP_SHR:
        return imm <= 1U;
    default:
        return true;
    }
}

static void check_insn(vstate *s, uint32_t k)
{
    const uint8_t *p = s->code + (size_t)k * NX_INSN_SIZE;
    uint8_t op = p[NX_OFF_OPCODE];
    uint32_t info = op < OP_TABLE_LEN ? op_table[op] : 0U;
    uint32_t imm = imm_at(s->code, k);
    if (!(info & OP_DEFINED)) {
        report(s, "V103", false, k, RANK_NOW);
        return;
    }
    if (!mode_valid(op, imm))
        report(s, "V104", false, k, RANK_NOW);
    uint32_t role[4];
    for (uint32_t f = 0; f < 4; f++)
        role[f] = (info >> (f * ROLE_BITS)) & ROLE_MASK;
    if (op == NX_OP_CMP && imm == 0U)
        role[0] = NX_ROLE_UNUSED; /* CMP without a condition writes no register */
    bool canonical = true;
    for (uint32_t f = 0; f < 3; f++) {
        uint8_t v = p[NX_OFF_RD + f];
        switch (role[f]) {
        case NX_ROLE_REG_READ:
        case NX_ROLE_REG_WRITE:
            if (v >= NX_NUM_GP_REGS)
                report(s, "V105", false, k, RANK_NOW);
            break;
        case NX_ROLE_IO_CHANNEL:
            if (v < NX_FIRST_IO_CHANNEL || v > NX_LAST_IO_CHANNEL)
                report(s, "V106", false, k, RANK_NOW);
            break;
        case NX_ROLE_UNUSED:
            canonical = canonical && v == 0U;
            break;
        default:
            break;
        }
    }
    if (role[3] == NX_ROLE_UNUSED && imm != 0U)
        canonical = false;
    if (!canonical)
        report(s, "V107", false, k, RANK_NOW);
    if (role[3] == NX_ROLE_TARGET) {
        uint32_t end = s->n * NX_INSN_SIZE;
        if (imm % NX_INSN_SIZE != 0U || imm > end || (imm == end && op == NX_OP_CALL))
            report(s, "V108", false, k, RANK_NOW);
    }
}

static void check_entry(vstate *s, uint32_t e, bool optional, bool tick)
{
    if (optional && e == NX_NO_ENTRY)
        return;
    if (s->n == 0U && e == 0U && tick)
        return; /* the empty program halts at once */
    if (e % NX_INSN_SIZE != 0U || e >= s->n * NX_INSN_SIZE)
        report(s, "V109", true, 0, RANK_NOW);
}

/* ---- rule 2 and the per-function half of rule 3: the walk ---- */

/* The intra-procedural successors of k (s->n is the end of the code); a
 * CALL continues at its return site. */
static uint32_t succs(const vstate *s, uint32_t k, uint32_t j[2])
{
    uint8_t op = op_at(s->code, k);
    uint32_t t = imm_at(s->code, k) / NX_INSN_SIZE;
    switch (op) {
    case NX_OP_HALT:
    case NX_OP_RET:
        return 0;
    case NX_OP_JMP:
        j[0] = t;
        return 1;
    case NX_OP_JZ:
    case NX_OP_JNZ:
        j[0] = k + 1U;
        j[1] = t;
        return 2;
    default:
        j[0] = k + 1U;
        return 1;
    }
}

static int32_t depth_after(const vstate *s, uint32_t k)
{
    int32_t d = s->depth[k];
    switch (op_at(s->code, k)) {
    case NX_OP_PUSH:
        return d + 1;
    case NX_OP_POP:
        return d - 1;
    default:
        return d;
    }
}

static uint16_t list_head(const vstate *s, uint32_t f) { return (uint16_t)(s->cost[f] >> 16); }
static uint16_t list_next(const vstate *s, uint32_t c) { return (uint16_t)(s->cost[c] & 0xFFFFU); }
static void set_head(vstate *s, uint32_t f, uint32_t c) { s->cost[f] = (s->cost[f] & 0xFFFFU) | (c << 16); }
static void set_next(vstate *s, uint32_t c, uint32_t nx) { s->cost[c] = (s->cost[c] & 0xFFFF0000U) | nx; }

/* enter claims k for function f at relative depth d (Go's enter and call). */
static void enter(vstate *s, uint32_t f, uint32_t k, int32_t d)
{
    s->own[k] = (uint16_t)((s->own[k] & OWN_REG) | OWN_CLAIMED | f);
    s->depth[k] = (int16_t)d;
    if (k == f)
        set_head(s, f, NIL);
    switch (op_at(s->code, k)) {
    case NX_OP_POP:
        if (d <= 0)
            report(s, "V302", false, k, RANK_NOW);
        break;
    case NX_OP_RET:
        if (is_entry_point(s, f)) {
            report(s, "V204", false, k, RANK_LATE);
            s->cf_error = true;
        }
        if (d != 0)
            report(s, "V303", false, k, RANK_NOW);
        break;
    case NX_OP_CALL: {
        uint32_t t = imm_at(s->code, k) / NX_INSN_SIZE; /* < n: rule 1 */
        if (!(s->own[t] & OWN_REG)) {
            if (s->own[t] & OWN_CLAIMED) {
                report(s, "V202", false, k, RANK_NOW);
                s->cf_error = true;
                break;
            }
            s->own[t] = (uint16_t)(OWN_REG | t);
            s->pending = t;
        }
        set_next(s, k, list_head(s, f)); /* prepended; reversed after the walk */
        set_head(s, f, k);
        break;
    }
    default:
        break;
    }
}

static void walk(vstate *s, uint32_t root)
{
    uint32_t sp = 0;
    enter(s, root, root, 0);
    s->seq[sp++] = FRAME(root, 0);
    while (sp > 0U) {
        if (s->pending != NIL) {
            /* A function called from here is walked before the walk goes
             * on, so its body is its own even if the caller jumps into it. */
            uint32_t g = s->pending;
            s->pending = NIL;
            enter(s, g, g, 0);
            s->seq[sp++] = FRAME(g, 0);
            continue;
        }
        uint32_t k = FRAME_K(s->seq[sp - 1U]), i = FRAME_I(s->seq[sp - 1U]);
        uint32_t f = OWN_ID(s->own[k]);
        uint32_t ss[2];
        if (i >= succs(s, k, ss)) {
            s->own[k] |= OWN_DONE;
            sp--;
            continue;
        }
        s->seq[sp - 1U] = FRAME(k, i + 1U);
        uint32_t j = ss[i];
        int32_t out = depth_after(s, k);
        uint16_t w = j < s->n ? s->own[j] : 0U;
        if (j == s->n) {
            s->out->warnings++; /* V205: the activation halts there */
        } else if ((w & (OWN_REG | OWN_CLAIMED)) && OWN_ID(w) != f) {
            report(s, "V201", false, k, RANK_NOW);
            s->cf_error = true;
        } else if (w & OWN_CLAIMED) {
            if (s->depth[j] != out)
                report(s, "V301", false, j, RANK_NOW);
            if (!(w & OWN_DONE))
                report(s, "V501", false, k, RANK_LOOP); /* a back edge */
        } else {
            enter(s, f, j, out);
            s->seq[sp++] = FRAME(j, 0);
        }
    }
}

static bool is_func(const vstate *s, uint32_t k)
{
    return (s->own[k] & OWN_CLAIMED) && OWN_ID(s->own[k]) == k;
}

/* depth_of is k's relative depth once function entries' slots hold their
 * maximum stack depth (an entry's depth is 0). */
static int32_t depth_of(const vstate *s, uint32_t k) { return is_func(s, k) ? 0 : s->depth[k]; }

static void reverse_calls(vstate *s, uint32_t f)
{
    uint32_t prev = NIL, c = list_head(s, f);
    while (c != NIL) {
        uint32_t nx = list_next(s, c);
        set_next(s, c, prev);
        prev = c;
        c = nx;
    }
    set_head(s, f, prev);
}

static int32_t clamp_stack(int32_t v) { return v < 0 ? 0 : v > INT16_MAX ? INT16_MAX : v; }

/* After the walk: unreachable runs (V206), call lists in walk order,
 * function colors reset, each entry slot of depth[] set to the deepest
 * relative depth in the body (Go's maxRel). */
static void after_walk(vstate *s)
{
    bool run = false;
    for (uint32_t k = 0; k < s->n; k++) {
        bool claimed = (s->own[k] & OWN_CLAIMED) != 0U;
        if (!claimed && !run)
            s->out->warnings++; /* V206 */
        run = !claimed;
        if (claimed && is_func(s, k)) {
            reverse_calls(s, k);
            s->own[k] &= (uint16_t)~(MARK_GREY | MARK_BLACK);
            s->depth[k] = op_at(s->code, k) == NX_OP_PUSH ? 1 : 0;
        }
    }
    for (uint32_t k = 0; k < s->n; k++) {
        if (!(s->own[k] & OWN_CLAIMED) || is_func(s, k))
            continue;
        uint32_t f = OWN_ID(s->own[k]);
        int32_t m = s->depth[k] + (op_at(s->code, k) == NX_OP_PUSH ? 1 : 0);
        if (m > s->depth[f])
            s->depth[f] = (int16_t)clamp_stack(m);
    }
}

/* ---- call graph: recursion (V203) and maximum stack depth ---- */

static void call_graph(vstate *s)
{
    for (uint32_t r = 0; r < s->nent; r++) {
        uint32_t root = s->ent[r], sp = 0;
        if (s->own[root] & (MARK_GREY | MARK_BLACK))
            continue;
        s->own[root] |= MARK_GREY;
        s->seq[sp++] = (uint16_t)root;
        while (sp > 0U) {
            uint32_t f = s->seq[sp - 1U], c = list_head(s, f);
            if (c == NIL) {
                s->own[f] = (uint16_t)((s->own[f] & ~MARK_GREY) | MARK_BLACK);
                sp--;
                continue;
            }
            uint32_t g = imm_at(s->code, c) / NX_INSN_SIZE;
            if (s->own[g] & MARK_GREY) {
                report(s, "V203", false, c, RANK_LATE);
                s->cf_error = true;
            } else if (!(s->own[g] & MARK_BLACK)) {
                s->own[g] |= MARK_GREY;
                s->seq[sp++] = (uint16_t)g; /* c is looked at again once g is done */
                continue;
            } else {
                int32_t d = depth_of(s, c) + 1 + s->depth[g];
                if (d > s->depth[f])
                    s->depth[f] = (int16_t)clamp_stack(d);
            }
            set_head(s, f, list_next(s, c));
        }
    }
}

/* ---- rule 5: longest paths ---- */

static uint32_t sat_add(uint32_t a, uint32_t b)
{
    return a > NX_VALIDATE_WCET_SAT - b ? NX_VALIDATE_WCET_SAT : a + b;
}

/* The edges of the time search: successors, then a CALL's callee. */
static uint32_t time_edges(const vstate *s, uint32_t k, uint32_t j[2])
{
    uint32_t cnt = succs(s, k, j);
    if (op_at(s->code, k) == NX_OP_CALL)
        j[cnt++] = imm_at(s->code, k) / NX_INSN_SIZE;
    return cnt;
}

/* post finishes k: 1 + the longest successor path (accumulated in cost[k])
 * + the callee's WCET. */
static void post(vstate *s, uint32_t k)
{
    uint32_t c = s->cost[k];
    if (c != COST_UNKNOWN) {
        c = sat_add(1U, c);
        if (op_at(s->code, k) == NX_OP_CALL) {
            uint32_t g = s->cost[imm_at(s->code, k) / NX_INSN_SIZE];
            c = g == COST_UNKNOWN ? COST_UNKNOWN : sat_add(c, g);
        }
    }
    s->cost[k] = c;
    s->own[k] = (uint16_t)((s->own[k] & ~MARK_GREY) | MARK_BLACK);
}

static void wcet_pass(vstate *s)
{
    for (uint32_t k = 0; k < s->n; k++)
        s->own[k] &= (uint16_t)~(MARK_GREY | MARK_BLACK);
    for (uint32_t r = 0; r < s->nent; r++) {
        uint32_t root = s->ent[r], sp = 0;
        if (s->own[root] & (MARK_GREY | MARK_BLACK))
            continue;
        s->own[root] |= MARK_GREY;
        s->cost[root] = 0;
        s->seq[sp++] = FRAME(root, 0);
        while (sp > 0U) {
            uint32_t k = FRAME_K(s->seq[sp - 1U]), i = FRAME_I(s->seq[sp - 1U]);
            uint32_t j[3];
            uint32_t cnt = time_edges(s, k, j);
            if (i >= cnt) {
                post(s, k);
                sp--;
                continue;
            }
            uint32_t t = j[i];
            if (t < s->n && !(s->own[t] & (MARK_GREY | MARK_BLACK))) {
                s->own[t] |= MARK_GREY;
                s->cost[t] = 0; /* accumulator: longest successor path */
                s->seq[sp++] = FRAME(t, 0);
                continue; /* edge i is looked at again once t is done */
            }
            s->seq[sp - 1U] = FRAME(k, i + 1U);
            if (t >= s->n)
                continue; /* past the end: costs nothing */
            bool callee = op_at(s->code, k) == NX_OP_CALL && i == cnt - 1U;
            if (s->own[t] & MARK_GREY)
                s->cost[k] = COST_UNKNOWN; /* a cycle: reported as V501 or V203 */
            else if (!callee && s->cost[k] != COST_UNKNOWN &&
                     (s->cost[t] == COST_UNKNOWN || s->cost[t] > s->cost[k]))
                s->cost[k] = s->cost[t];
        }
    }
}

static void stack_and_time(vstate *s, uint32_t budget, uint32_t tick)
{
    wcet_pass(s);
    nx_validate_result *o = s->out;
    for (uint32_t r = 0; r < s->nent; r++) {
        uint32_t f = s->ent[r];
        uint32_t ms = (uint32_t)clamp_stack(s->depth[f]);
        if (ms > NX_STACK_DEPTH)
            report(s, "V304", false, f, RANK_LATE);
        uint32_t w = s->cost[f];
        if (w != COST_UNKNOWN && (w == NX_VALIDATE_WCET_SAT || w > budget))
            report(s, "V502", false, f, RANK_LATE);
        if (ms > o->max_stack)
            o->max_stack = ms;
    }
    if (s->cost[tick] != COST_UNKNOWN) {
        o->wcet_known = true;
        o->wcet = s->cost[tick];
    }
}

/* ---- entry point ---- */

static void *align_up(void *p, size_t a)
{
    uintptr_t u = (uintptr_t)p;
    return (void *)(u + ((a - u % a) % a));
}

/* Zeroes n bytes. Aggregate initialisers ({0}) compile to memset calls,
 * which a freestanding build (-nostdlib) does not have. */
static void zero(void *p, size_t n)
{
    unsigned char *b = p;
    while (n-- > 0U)
        *b++ = 0U;
}

int nx_validate(const uint8_t *code, size_t len, const nx_entries *entries,
                uint32_t budget, void *work, size_t work_len,
                nx_validate_result *out)
{
    static const nx_entries raw = {.tick = 0U, .init = NX_NO_ENTRY, .failsafe = NX_NO_ENTRY};
    if (out == NULL)
        return NX_VALIDATE_ERR_ARG;
    zero(out, sizeof *out);
    if (code == NULL && len != 0U)
        return NX_VALIDATE_ERR_ARG;
    if (entries == NULL)
        entries = &raw;
    if (budget == 0U)
        budget = NX_DEFAULT_BUDGET;

    vstate st;
    zero(&st, sizeof st);
    vstate *s = &st;
    s->out = out;
    s->code = code;
    s->pending = NIL;
    if (len % NX_INSN_SIZE != 0U)
        report(s, "V101", true, 0, RANK_NOW);
    else if (len > NX_MAX_CODE_SIZE)
        report(s, "V102", true, 0, RANK_NOW);
    if (s->have)
        return NX_VALIDATE_REJECTED;
    if (work == NULL || work_len < NX_VALIDATE_WORK_SIZE(len))
        return NX_VALIDATE_ERR_WORK;

    uint32_t n = (uint32_t)(len / NX_INSN_SIZE);
    s->n = n;
    s->cost = align_up(work, sizeof(uint32_t));
    s->own = (uint16_t *)(s->cost + n);
    s->depth = (int16_t *)(s->own + n);
    s->seq = (uint16_t *)(s->depth + n);
    for (uint32_t k = 0; k < n; k++) {
        s->own[k] = 0;
        s->cost[k] = 0;
    }

    for (uint32_t k = 0; k < n; k++)
        check_insn(s, k);
    check_entry(s, entries->tick, false, true);
    check_entry(s, entries->init, true, false);
    check_entry(s, entries->failsafe, true, false);
    if (n == 0U)
        out->wcet_known = true; /* halts at once, past the end, in 0 cycles (as Go, even with a V109) */
    if (s->have)
        return NX_VALIDATE_REJECTED;
    if (n == 0U) {
        out->ok = true;
        return NX_VALIDATE_OK;
    }

    /* Functions: the entry points, in Go's id order, without duplicates. */
    const uint32_t want[3] = {entries->tick, entries->init, entries->failsafe};
    for (uint32_t e = 0; e < 3U; e++) {
        if (want[e] == NX_NO_ENTRY)
            continue;
        uint32_t k = want[e] / NX_INSN_SIZE;
        if (s->own[k] & OWN_REG)
            continue;
        s->own[k] = (uint16_t)(OWN_REG | k);
        s->ent[s->nent++] = k;
    }
    for (uint32_t e = 0; e < s->nent; e++)
        if (!(s->own[s->ent[e]] & OWN_CLAIMED))
            walk(s, s->ent[e]);
    after_walk(s);
    call_graph(s);
    if (!s->cf_error)
        stack_and_time(s, budget, entries->tick / NX_INSN_SIZE);

    out->ok = !s->have;
    return s->have ? NX_VALIDATE_REJECTED : NX_VALIDATE_OK;
}

const char *nx_validate_strerror(int status)
{
    switch (status) {
    case NX_VALIDATE_OK:
        return "accepted";
    case NX_VALIDATE_REJECTED:
        return "rejected";
    case NX_VALIDATE_ERR_ARG:
        return "a required pointer is null";
    case NX_VALIDATE_ERR_WORK:
        return "work buffer smaller than NX_VALIDATE_WORK_SIZE(len)";
    default:
        return "unknown status";
    }
}

const char *nx_validate_describe(const char *code)
{
#if NX_VALIDATE_DESCRIBE
    static const char *const table[][2] = {
        {"V101", "code length not a multiple of 8"},
        {"V102", "code larger than 65,536 bytes"},
        {"V103", "undefined opcode"},
        {"V104", "undefined mode value (CMP condition, MUL/DIV shift, SHR mode)"},
        {"V105", "a register operand outside R0..R15"},
        {"V106", "READ_IO/WRITE_IO channel outside 16..31"},
        {"V107", "non-canonical encoding: an unused field is not zero"},
        {"V108", "jump or call target misaligned or outside the code"},
        {"V109", "entry point not an instruction address"},
        {"V201", "control flows into another function"},
        {"V202", "CALL to an instruction inside a function's body"},
        {"V203", "recursion (a call-graph cycle)"},
        {"V204", "RET in an entry-point function"},
        {"V301", "stack depth differs between paths"},
        {"V302", "POP below the function's entry depth"},
        {"V303", "RET with values left on the stack"},
        {"V304", "maximum stack depth above 1,024"},
        {"V501", "a loop under the strict policy"},
        {"V502", "WCET above the budget"},
    };
    if (code == NULL)
        return "";
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const char *a = table[i][0], *b = code;
        while (*a != '\0' && *a == *b) {
            a++;
            b++;
        }
        if (*a == '\0' && *b == '\0')
            return table[i][1];
    }
#else
    (void)code;
#endif
    return "";
}
