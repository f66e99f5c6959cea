/*
 * test_safety.c - host unit tests for nexus_safety.
 *
 * Plain C with a tiny check macro; built with -fsanitize=address,undefined.
 * The clock is injected: every call passes an explicit now_ms, so each
 * timing edge is tested to the millisecond, also across the uint32 wrap.
 *
 * The transition table is restated here independently (expected[][] below)
 * and every (event, state) cell is exercised from several set-ups and at
 * several clock bases.
 */
#include <stdio.h>
#include <string.h>

#include "nexus_safety.h"

static int checks;
static int failures;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        checks++;                                                                         \
        if (!(cond)) {                                                                    \
            failures++;                                                                   \
            fprintf(stderr, "%s:%d: %s: check failed: %s\n", __FILE__, __LINE__, __func__, \
                    #cond);                                                               \
        }                                                                                 \
    } while (0)

#define CHECK_EQ(a, b)                                                                        \
    do {                                                                                      \
        long long a_ = (long long)(a), b_ = (long long)(b);                                   \
        checks++;                                                                             \
        if (a_ != b_) {                                                                       \
            failures++;                                                                       \
            fprintf(stderr, "%s:%d: %s: %s == %lld, want %s == %lld\n", __FILE__, __LINE__,   \
                    __func__, #a, a_, #b, b_);                                                \
        }                                                                                     \
    } while (0)

/* ---- mock HAL ---- */

#define MAX_WRITES 256

struct mock {
    int nwrites;
    uint8_t ch[MAX_WRITES];
    uint32_t v[MAX_WRITES];
    int kicks;
    int transitions;
    nx_safety_log_entry last;
};

static void mock_write(void *ctx, uint8_t ch, uint32_t v)
{
    struct mock *m = ctx;
    if (m->nwrites < MAX_WRITES) {
        m->ch[m->nwrites] = ch;
        m->v[m->nwrites] = v;
    }
    m->nwrites++;
}

static void mock_kick(void *ctx)
{
    struct mock *m = ctx;
    m->kicks++;
}

static void mock_transition(void *ctx, const nx_safety_log_entry *e)
{
    struct mock *m = ctx;
    m->transitions++;
    m->last = *e;
}

static struct mock M;
static nx_safety S;

static void setup(uint32_t now)
{
    nx_safety_hal hal = {mock_write, mock_kick, mock_transition, &M};
    memset(&M, 0, sizeof M);
    CHECK_EQ(nx_safety_init(&S, &hal, now), NX_SAFETY_OK);
}

/* Fixed safe-value table used by most tests. */
static const nx_safe_value SAFE_VALS[] = {{17, 0}, {20, 1500}, {31, 0xFFFFFFFFu}};
#define NSAFE (sizeof SAFE_VALS / sizeof SAFE_VALS[0])

/* Booted, heartbeat at now, resumed: NORMAL. */
static void to_normal(uint32_t now)
{
    setup(now);
    CHECK_EQ(nx_safety_activate(&S, SAFE_VALS, NSAFE, false), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_BOOT_COMPLETE, now), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, now), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, now), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
}

static void check_safe_values_written(int from)
{
    CHECK_EQ(M.nwrites - from, (int)NSAFE);
    if (M.nwrites - from == (int)NSAFE) {
        size_t i;
        for (i = 0; i < NSAFE; i++) {
            CHECK_EQ(M.ch[from + (int)i], SAFE_VALS[i].channel);
            CHECK_EQ(M.v[from + (int)i], SAFE_VALS[i].value);
        }
    }
}

/* ---- the transition table, every cell ---- */

enum setup_kind { SU_NORMAL, SU_DEGRADED_HB, SU_DEGRADED_SENSOR, SU_SAFE, SU_FAULT, SU_COUNT };

#define N NX_SAFETY_NORMAL
#define D NX_SAFETY_DEGRADED
#define S_ NX_SAFETY_SAFE_STATE
#define F NX_SAFETY_FAULT
#define REF (-1) /* resume refused, state unchanged */

static const int expected[SU_COUNT][NX_SAFETY_NUM_EVENTS] = {
    /*                   BOOT HB  MISS LOST ESTOP REL  OC  WDT SF  SR  TV  RESUME */
    [SU_NORMAL] =          {N,  N,  D,   S_,  S_,   N,   F,  F,  D,  N,  S_, N},
    [SU_DEGRADED_HB] =     {D,  N,  D,   S_,  S_,   D,   F,  F,  D,  D,  S_, D},
    [SU_DEGRADED_SENSOR] = {D,  D,  D,   S_,  S_,   D,   F,  F,  D,  N,  S_, D},
    [SU_SAFE] =            {S_, S_, S_,  S_,  S_,   S_,  F,  F,  S_, S_, S_, N},
    [SU_FAULT] =           {F,  F,  F,   F,   F,    F,   F,  F,  F,  F,  F,  REF},
};

static const int setup_state[SU_COUNT] = {N, D, D, S_, F};

static void to_setup(enum setup_kind k, uint32_t now)
{
    to_normal(now);
    switch (k) {
    case SU_NORMAL:
        break;
    case SU_DEGRADED_HB:
        CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT_MISSED, now), NX_SAFETY_OK);
        break;
    case SU_DEGRADED_SENSOR:
        CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_FAILURE, now), NX_SAFETY_OK);
        break;
    case SU_SAFE:
        CHECK_EQ(nx_safety_event(&S, NX_EV_TRUST_VIOLATION, now), NX_SAFETY_OK);
        break;
    case SU_FAULT:
        CHECK_EQ(nx_safety_event(&S, NX_EV_OVERCURRENT, now), NX_SAFETY_OK);
        break;
    case SU_COUNT:
        break;
    }
    CHECK_EQ(nx_safety_get_state(&S), setup_state[k]);
}

static void test_every_cell(void)
{
    static const uint32_t bases[] = {0u, 123456u, 0x7FFFFFF0u, 0xFFFFFFF0u, 0xFFFFFFFFu};
    size_t b;
    int k, ev;

    for (b = 0; b < sizeof bases / sizeof bases[0]; b++) {
        for (k = 0; k < SU_COUNT; k++) {
            for (ev = 0; ev < NX_SAFETY_NUM_EVENTS; ev++) {
                uint32_t t = bases[b] + 7u; /* may wrap: intended */
                int from, want, rc, w0;
                uint32_t n0;

                to_setup((enum setup_kind)k, bases[b]);
                from = (int)nx_safety_get_state(&S);
                n0 = nx_safety_log_total(&S);
                w0 = M.nwrites;
                rc = nx_safety_event(&S, (nx_safety_ev)ev, t);
                want = expected[k][ev];
                if (want == REF) {
                    CHECK_EQ(rc, NX_SAFETY_EREFUSED);
                    want = from;
                } else {
                    CHECK_EQ(rc, NX_SAFETY_OK);
                }
                CHECK_EQ(nx_safety_get_state(&S), want);
                if (want == from) {
                    CHECK_EQ(nx_safety_log_total(&S), n0);
                    CHECK_EQ(M.nwrites, w0);
                } else {
                    nx_safety_log_entry e;
                    CHECK_EQ(nx_safety_log_total(&S), n0 + 1u);
                    CHECK_EQ(nx_safety_log_get(&S, nx_safety_log_count(&S) - 1u, &e), NX_SAFETY_OK);
                    CHECK_EQ(e.from, from);
                    CHECK_EQ(e.to, want);
                    CHECK_EQ(e.event, ev);
                    CHECK_EQ(e.time_ms, t);
                    CHECK_EQ(e.seq, n0);
                    CHECK(e.reason != NULL && e.reason[0] != '\0');
                    CHECK_EQ(M.last.seq, n0);
                    if (want == S_ || want == F) {
                        check_safe_values_written(w0);
                    } else {
                        CHECK_EQ(M.nwrites, w0);
                    }
                }
                CHECK_EQ(nx_safety_vm_may_run(&S), want == N || want == D);
            }
        }
    }
}

/* ---- start-up and resume ---- */

static void test_power_on(void)
{
    setup(42u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK(!nx_safety_vm_may_run(&S));
    CHECK_EQ(nx_safety_log_count(&S), 0u);
    CHECK_EQ(nx_safety_log_total(&S), 0u);
    CHECK_EQ(nx_safety_resume_blockers(&S, 42u),
             NX_SAFETY_BLOCK_NOT_BOOTED | NX_SAFETY_BLOCK_NO_HEARTBEAT);
    /* Resume before boot complete is refused even with a heartbeat. */
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, 50u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, 60u), NX_SAFETY_EREFUSED);
    CHECK_EQ(nx_safety_resume_blockers(&S, 60u), NX_SAFETY_BLOCK_NOT_BOOTED);
    /* Boot complete alone does not leave SAFE_STATE: no automatic start. */
    CHECK_EQ(nx_safety_event(&S, NX_EV_BOOT_COMPLETE, 70u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK_EQ(nx_safety_log_total(&S), 0u);
    CHECK_EQ(nx_safety_resume_blockers(&S, 70u), 0u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, 80u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
    CHECK_EQ(nx_safety_log_total(&S), 1u);
}

static void test_power_on_no_heartbeat(void)
{
    setup(0u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_BOOT_COMPLETE, 1u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, 2u), NX_SAFETY_EREFUSED);
    CHECK_EQ(nx_safety_resume_blockers(&S, 2u), NX_SAFETY_BLOCK_NO_HEARTBEAT);
    /* Polling with no heartbeat ever seen does nothing (no spurious events). */
    nx_safety_wdt_kick(&S, 20000u);
    CHECK_EQ(nx_safety_poll(&S, 20000u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK_EQ(nx_safety_log_total(&S), 0u);
}

static void test_resume_needs_estop_released(void)
{
    to_normal(1000u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_ESTOP, 1100u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, 1200u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_resume_blockers(&S, 1200u), NX_SAFETY_BLOCK_ESTOP);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, 1200u), NX_SAFETY_EREFUSED);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    /* Releasing the e-stop does not resume by itself. */
    CHECK_EQ(nx_safety_event(&S, NX_EV_ESTOP_RELEASED, 1300u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, 1400u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
}

static void test_resume_needs_fresh_heartbeat(void)
{
    const uint32_t t0 = 0xFFFFF000u; /* the edge lies across the wrap */
    to_normal(t0);
    CHECK_EQ(nx_safety_event(&S, NX_EV_TRUST_VIOLATION, t0 + 1u), NX_SAFETY_OK);
    /* Heartbeat received at t0: present at age 4,999, absent at 5,000. */
    CHECK_EQ(nx_safety_resume_blockers(&S, t0 + 4999u), 0u);
    CHECK_EQ(nx_safety_resume_blockers(&S, t0 + 5000u), NX_SAFETY_BLOCK_NO_HEARTBEAT);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, t0 + 5000u), NX_SAFETY_EREFUSED);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, t0 + 5001u), NX_SAFETY_EREFUSED);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, t0 + 4999u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
}

static void test_heartbeat_does_not_leave_safe_state(void)
{
    uint32_t t;
    to_normal(0u);
    for (t = 10u; t <= 10000u; t += 10u) {
        nx_safety_wdt_kick(&S, t);
        CHECK_EQ(nx_safety_poll(&S, t), NX_SAFETY_OK);
    }
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, 10005u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    for (t = 10010u; t <= 30000u; t += 10u) { /* heartbeats keep coming: still no resume */
        if (t % 1000u == 0u) {
            CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, t), NX_SAFETY_OK);
        }
        nx_safety_wdt_kick(&S, t);
        CHECK_EQ(nx_safety_poll(&S, t), NX_SAFETY_OK);
    }
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, 30000u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
}

static void test_resume_with_sensor_failure(void)
{
    nx_safety_log_entry e;
    to_normal(100u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_FAILURE, 110u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_ESTOP, 120u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_ESTOP_RELEASED, 130u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, 140u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);
    CHECK_EQ(nx_safety_log_get(&S, nx_safety_log_count(&S) - 1u, &e), NX_SAFETY_OK);
    CHECK_EQ(e.from, NX_SAFETY_SAFE_STATE);
    CHECK_EQ(e.to, NX_SAFETY_DEGRADED);
    CHECK(strstr(e.reason, "sensor") != NULL);
    CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_RECOVERED, 150u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
}

static void test_fault_is_latched(void)
{
    int ev;
    to_normal(0u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_WATCHDOG_TIMEOUT, 5u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_FAULT);
    /* Every cause cleared and a fresh heartbeat: still refused. */
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, 6u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_resume_blockers(&S, 6u), NX_SAFETY_BLOCK_FAULT);
    for (ev = 0; ev < NX_SAFETY_NUM_EVENTS; ev++) {
        int rc = nx_safety_event(&S, (nx_safety_ev)ev, 7u);
        CHECK_EQ(rc, ev == NX_EV_RESUME ? NX_SAFETY_EREFUSED : NX_SAFETY_OK);
        CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_FAULT);
    }
    /* A reset (re-init) is the way out; it starts in SAFE_STATE. */
    setup(8u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
}

static void test_safe_state_to_fault(void)
{
    to_normal(0u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_ESTOP, 1u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_OVERCURRENT, 2u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_FAULT);
    CHECK_EQ(nx_safety_event(&S, NX_EV_ESTOP_RELEASED, 3u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_RESUME, 3u), NX_SAFETY_EREFUSED);
}

static void test_degraded_needs_both_causes_cleared(void)
{
    to_normal(0u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_FAILURE, 1u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT_MISSED, 2u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, 3u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED); /* sensor still failed */
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT_MISSED, 4u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_RECOVERED, 5u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED); /* heartbeat still missing */
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, 6u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
}

static void test_sensor_recovered_with_stale_heartbeat(void)
{
    /* The heartbeat is late but poll has not yet run: recovery must not
     * return to NORMAL on the strength of a stale heartbeat. */
    to_normal(0u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_FAILURE, 100u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_RECOVERED, 5000u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, 5001u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
    /* At age 4,999 the heartbeat still counts. */
    CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_FAILURE, 5002u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_RECOVERED, 5001u + 4999u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
}

/* ---- heartbeat supervision timing ---- */

/* Kick and poll at t (the watchdog is not under test here). */
static void poll_at(uint32_t t)
{
    nx_safety_wdt_kick(&S, t);
    CHECK_EQ(nx_safety_poll(&S, t), NX_SAFETY_OK);
}

static void test_heartbeat_edges_at(uint32_t t0)
{
    /* Degrade edge: 4,999 NORMAL, 5,000 DEGRADED; and 5,001 from a fresh run. */
    to_normal(t0);
    poll_at(t0 + 4999u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
    poll_at(t0 + 5000u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);

    to_normal(t0);
    poll_at(t0 + 4999u);
    poll_at(t0 + 5001u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);

    /* Safe-state edge: 9,999 DEGRADED, 10,000 SAFE_STATE; 10,001 likewise. */
    to_normal(t0);
    poll_at(t0 + 5000u);
    poll_at(t0 + 9999u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);
    poll_at(t0 + 10000u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK_EQ(nx_safety_log_total(&S), 3u); /* resume, degraded, safe */

    to_normal(t0);
    poll_at(t0 + 5000u);
    poll_at(t0 + 9999u);
    poll_at(t0 + 10001u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);

    /* A heartbeat while DEGRADED (heartbeat cause) returns to NORMAL and
     * restarts the clock from that heartbeat. */
    to_normal(t0);
    poll_at(t0 + 5000u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, t0 + 7000u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
    poll_at(t0 + 7000u + 4999u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
    poll_at(t0 + 7000u + 5000u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);
    poll_at(t0 + 7000u + 9999u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);
    poll_at(t0 + 7000u + 10000u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
}

static void test_heartbeat_edges(void)
{
    static const uint32_t bases[] = {0u, 1u, 1000000u, 0x7FFFD000u, 0xFFFFE000u, 0xFFFFEC78u,
                                     0xFFFFFFFFu};
    size_t i;
    for (i = 0; i < sizeof bases / sizeof bases[0]; i++) {
        test_heartbeat_edges_at(bases[i]);
    }
}

static void test_heartbeat_every_ms_around_edges(void)
{
    /* Poll every millisecond from a heartbeat at 0xFFFFF000 (the clock wraps
     * at +4096): the state changes exactly at +5,000 and +10,000. */
    const uint32_t t0 = 0xFFFFF000u;
    uint32_t d;
    to_normal(t0);
    for (d = 1u; d <= 10500u; d++) {
        poll_at(t0 + d);
        if (d < 5000u) {
            CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
        } else if (d < 10000u) {
            CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);
        } else {
            CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
        }
    }
    CHECK_EQ(nx_safety_log_total(&S), 3u); /* each threshold raised once */
}

static void test_heartbeat_stall(void)
{
    /* No poll between the two thresholds: both transitions, in order. */
    nx_safety_log_entry e;
    to_normal(500u);
    poll_at(500u + 12000u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK_EQ(nx_safety_log_total(&S), 3u);
    CHECK_EQ(nx_safety_log_get(&S, 1u, &e), NX_SAFETY_OK);
    CHECK_EQ(e.from, NX_SAFETY_NORMAL);
    CHECK_EQ(e.to, NX_SAFETY_DEGRADED);
    CHECK_EQ(e.event, NX_EV_HEARTBEAT_MISSED);
    CHECK_EQ(nx_safety_log_get(&S, 2u, &e), NX_SAFETY_OK);
    CHECK_EQ(e.from, NX_SAFETY_DEGRADED);
    CHECK_EQ(e.to, NX_SAFETY_SAFE_STATE);
    CHECK_EQ(e.event, NX_EV_HEARTBEAT_LOST);
    CHECK_EQ(e.time_ms, 12500u);
}

static void test_heartbeat_out_of_order_timestamp(void)
{
    /* A heartbeat stamped slightly after the poll's clock reading (an ISR
     * raced the safety task) is age 0, not 2^32 - 1. */
    to_normal(1000u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, 2000u), NX_SAFETY_OK);
    poll_at(1999u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
    poll_at(2000u + 4999u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
    /* Likewise across the wrap. */
    to_normal(0xFFFFFFF0u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, 5u), NX_SAFETY_OK);
    poll_at(0xFFFFFFFFu);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
}

static void test_heartbeat_levels_latched_across_wrap(void)
{
    /* Once missed, the heartbeat stays missed until one arrives, even when a
     * much later clock reading would look "fresh" after the wrap. */
    const uint32_t t0 = 1000u;
    to_normal(t0);
    CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_FAILURE, t0), NX_SAFETY_OK);
    poll_at(t0 + 5000u); /* level: missed (already DEGRADED for the sensor) */
    CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_RECOVERED, t0 + 0x80000000u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);
    CHECK_EQ(nx_safety_event(&S, NX_EV_SENSOR_RECOVERED, t0 + 100u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);
    poll_at(t0 + 100u); /* 2^32 + 100 ms later: still not "present" */
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_DEGRADED);
    CHECK(nx_safety_resume_blockers(&S, t0 + 100u) & NX_SAFETY_BLOCK_NO_HEARTBEAT);
    poll_at(t0 + 10000u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK(nx_safety_resume_blockers(&S, t0 + 1u) & NX_SAFETY_BLOCK_NO_HEARTBEAT);
}

/* ---- hardware watchdog cadence ---- */

static void test_wdt_at(uint32_t t0)
{
    int k0;

    to_normal(t0);
    nx_safety_wdt_kick(&S, t0);
    CHECK(!nx_safety_wdt_kick_due(&S, t0));
    CHECK(!nx_safety_wdt_kick_due(&S, t0 + 199u));
    CHECK(nx_safety_wdt_kick_due(&S, t0 + 200u));
    CHECK(nx_safety_wdt_kick_due(&S, t0 + 201u));
    CHECK(!nx_safety_wdt_kick_due(&S, t0 - 1u)); /* out-of-order reading: age 0 */

    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, t0 + 999u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_poll(&S, t0 + 999u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
    CHECK_EQ(nx_safety_poll(&S, t0 + 1000u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_FAULT);
    CHECK_EQ(nx_safety_log_total(&S), 2u);
    CHECK_EQ(M.last.event, NX_EV_WATCHDOG_TIMEOUT);
    CHECK_EQ(nx_safety_poll(&S, t0 + 1500u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_log_total(&S), 2u); /* raised once per lapse */

    to_normal(t0);
    nx_safety_wdt_kick(&S, t0);
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, t0 + 1001u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_poll(&S, t0 + 1001u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_FAULT);

    /* Each kick restarts the timeout and calls the HAL. */
    to_normal(t0);
    k0 = M.kicks;
    nx_safety_wdt_kick(&S, t0 + 900u);
    CHECK_EQ(M.kicks, k0 + 1);
    CHECK(!nx_safety_wdt_kick_due(&S, t0 + 1099u));
    CHECK(nx_safety_wdt_kick_due(&S, t0 + 1100u));
    CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, t0 + 1899u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_poll(&S, t0 + 1899u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
    CHECK_EQ(nx_safety_poll(&S, t0 + 1900u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_FAULT);
}

static void test_wdt(void)
{
    static const uint32_t bases[] = {0u, 77u, 0x7FFFFE00u, 0xFFFFFE00u, 0xFFFFFFFFu};
    size_t i;
    for (i = 0; i < sizeof bases / sizeof bases[0]; i++) {
        test_wdt_at(bases[i]);
    }
}

static void test_wdt_timeout_during_boot(void)
{
    setup(0u);
    CHECK_EQ(nx_safety_poll(&S, 999u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
    CHECK_EQ(nx_safety_poll(&S, 1000u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_FAULT);
}

static void test_wdt_regular_kicks_never_time_out(void)
{
    /* The node loop: poll every 10 ms, kick when due, heartbeat every 1 s,
     * for 70 s across the wrap. */
    uint32_t t = 0xFFFF0000u;
    int i, kicks0;
    to_normal(t);
    nx_safety_wdt_kick(&S, t);
    kicks0 = M.kicks;
    for (i = 1; i <= 7000; i++) {
        t += NX_SAFETY_POLL_MS;
        if (i % 100 == 0) {
            CHECK_EQ(nx_safety_event(&S, NX_EV_HEARTBEAT, t), NX_SAFETY_OK);
        }
        if (nx_safety_wdt_kick_due(&S, t)) {
            nx_safety_wdt_kick(&S, t);
        }
        CHECK_EQ(nx_safety_poll(&S, t), NX_SAFETY_OK);
    }
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
    CHECK_EQ(M.kicks - kicks0, 7000 / 20); /* every 200 ms */
    CHECK_EQ(nx_safety_log_total(&S), 1u);
}

/* ---- safe values and the software watchdog around the VM tick ---- */

static void test_activate(void)
{
    static const nx_safe_value bad_lo[] = {{17, 1}, {15, 0}};
    static const nx_safe_value bad_hi[] = {{32, 0}};
    static const nx_safe_value dup[] = {{16, 1}, {31, 2}, {16, 3}};
    static const nx_safe_value all[] = {{31, 31}, {16, 16}, {17, 17}, {18, 18}, {19, 19}, {20, 20},
                                        {21, 21}, {22, 22}, {23, 23}, {24, 24}, {25, 25}, {26, 26},
                                        {27, 27}, {28, 28}, {29, 29}, {30, 30}};
    int i;

    setup(0u);
    CHECK_EQ(nx_safety_activate(&S, SAFE_VALS, NSAFE, false), NX_SAFETY_OK);
    /* In SAFE_STATE the table is applied at once. */
    check_safe_values_written(0);
    M.nwrites = 0;
    /* Rejected tables change nothing. */
    CHECK_EQ(nx_safety_activate(&S, bad_lo, 2, true), NX_SAFETY_ECHANNEL);
    CHECK_EQ(nx_safety_activate(&S, bad_hi, 1, true), NX_SAFETY_ECHANNEL);
    CHECK_EQ(nx_safety_activate(&S, dup, 3, true), NX_SAFETY_EDUP);
    CHECK_EQ(nx_safety_activate(&S, NULL, 1, true), NX_SAFETY_EINVAL);
    CHECK_EQ(M.nwrites, 0);
    CHECK_EQ(nx_safety_apply_safe_values(&S), NSAFE);
    check_safe_values_written(0);
    /* All sixteen channels, written in channel order. */
    M.nwrites = 0;
    CHECK_EQ(nx_safety_activate(&S, all, 16, false), NX_SAFETY_OK);
    CHECK_EQ(M.nwrites, 16);
    for (i = 0; i < 16; i++) {
        CHECK_EQ(M.ch[i], 16 + i);
        CHECK_EQ(M.v[i], 16 + i);
    }
    /* An empty table: nothing to write. */
    M.nwrites = 0;
    CHECK_EQ(nx_safety_activate(&S, NULL, 0, false), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_apply_safe_values(&S), 0u);
    CHECK_EQ(M.nwrites, 0);
    /* Activation while running does not touch the outputs. */
    to_normal(0u);
    M.nwrites = 0;
    CHECK_EQ(nx_safety_activate(&S, all, 16, false), NX_SAFETY_OK);
    CHECK_EQ(M.nwrites, 0);
}

static nx_tick_outcome outcome(nx_tick_stop stop, bool fs_ran, nx_tick_stop fs)
{
    nx_tick_outcome o;
    o.stop = stop;
    o.trap = stop == NX_TICK_TRAPPED ? (uint8_t)NX_TRAP_DIV_BY_ZERO : (uint8_t)NX_TRAP_NONE;
    o.failsafe_ran = fs_ran;
    o.failsafe_stop = fs;
    return o;
}

static void test_tick_without_failsafe(void)
{
    static const nx_tick_stop bad[] = {NX_TICK_TRAPPED, NX_TICK_OVERRUN};
    nx_wd_action a = NX_WD_OK;
    nx_tick_outcome o;
    size_t i;

    to_normal(0u);
    M.nwrites = 0;
    o = outcome(NX_TICK_HALTED, false, NX_TICK_HALTED);
    CHECK_EQ(nx_safety_tick_done(&S, &o, &a), NX_SAFETY_OK);
    CHECK_EQ(a, NX_WD_OK);
    CHECK_EQ(M.nwrites, 0);
    for (i = 0; i < 2; i++) {
        M.nwrites = 0;
        o = outcome(bad[i], false, NX_TICK_HALTED);
        CHECK_EQ(nx_safety_tick_done(&S, &o, &a), NX_SAFETY_OK);
        CHECK_EQ(a, NX_WD_SAFE_VALUES);
        check_safe_values_written(0);
        CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL); /* no state change */
    }
    CHECK_EQ(nx_safety_tick_faults(&S), 2u);
    CHECK_EQ(nx_safety_log_total(&S), 1u);
}

static void test_tick_with_failsafe(void)
{
    static const nx_tick_stop bad[] = {NX_TICK_TRAPPED, NX_TICK_OVERRUN};
    nx_wd_action a = NX_WD_OK;
    nx_tick_outcome o;
    size_t i, j;

    to_normal(0u);
    CHECK_EQ(nx_safety_activate(&S, SAFE_VALS, NSAFE, true), NX_SAFETY_OK);
    for (i = 0; i < 2; i++) {
        M.nwrites = 0;
        /* Two-step adapter: the VM reports the tick, runs the failsafe when told. */
        o = outcome(bad[i], false, NX_TICK_HALTED);
        CHECK_EQ(nx_safety_tick_done(&S, &o, &a), NX_SAFETY_OK);
        CHECK_EQ(a, NX_WD_RUN_FAILSAFE);
        CHECK_EQ(M.nwrites, 0);
        /* Failsafe halted: it handled the outputs. */
        o = outcome(bad[i], true, NX_TICK_HALTED);
        CHECK_EQ(nx_safety_tick_done(&S, &o, &a), NX_SAFETY_OK);
        CHECK_EQ(a, NX_WD_FAILSAFE_HANDLED);
        CHECK_EQ(M.nwrites, 0);
        /* Failsafe itself trapped or overran: the layer drives the safe values. */
        for (j = 0; j < 2; j++) {
            M.nwrites = 0;
            o = outcome(bad[i], true, bad[j]);
            CHECK_EQ(nx_safety_tick_done(&S, &o, &a), NX_SAFETY_OK);
            CHECK_EQ(a, NX_WD_SAFE_VALUES);
            check_safe_values_written(0);
        }
    }
    /* The halted tick is fine whatever the other fields say. */
    o = outcome(NX_TICK_HALTED, false, NX_TICK_HALTED);
    CHECK_EQ(nx_safety_tick_done(&S, &o, &a), NX_SAFETY_OK);
    CHECK_EQ(a, NX_WD_OK);
    CHECK_EQ(nx_safety_tick_faults(&S), 6u);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_NORMAL);
}

static void test_tick_in_degraded_and_stopped_states(void)
{
    nx_wd_action a = NX_WD_OK;
    nx_tick_outcome o = outcome(NX_TICK_HALTED, false, NX_TICK_HALTED);

    to_setup(SU_DEGRADED_SENSOR, 0u);
    CHECK_EQ(nx_safety_tick_done(&S, &o, &a), NX_SAFETY_OK);
    CHECK_EQ(a, NX_WD_OK);

    to_setup(SU_SAFE, 0u);
    M.nwrites = 0;
    CHECK_EQ(nx_safety_tick_done(&S, &o, &a), NX_SAFETY_ESTATE);
    CHECK_EQ(a, NX_WD_SAFE_VALUES);
    check_safe_values_written(0);

    to_setup(SU_FAULT, 0u);
    M.nwrites = 0;
    CHECK_EQ(nx_safety_tick_done(&S, &o, &a), NX_SAFETY_ESTATE);
    CHECK_EQ(a, NX_WD_SAFE_VALUES);
    check_safe_values_written(0);
}

static void test_tick_bad_arguments(void)
{
    nx_wd_action a = NX_WD_OK;
    nx_tick_outcome o = outcome(NX_TICK_HALTED, false, NX_TICK_HALTED);
    to_normal(0u);
    CHECK_EQ(nx_safety_tick_done(NULL, &o, &a), NX_SAFETY_EINVAL);
    CHECK_EQ(nx_safety_tick_done(&S, NULL, &a), NX_SAFETY_EINVAL);
    CHECK_EQ(nx_safety_tick_done(&S, &o, NULL), NX_SAFETY_EINVAL);
    o.stop = (nx_tick_stop)3;
    CHECK_EQ(nx_safety_tick_done(&S, &o, &a), NX_SAFETY_EINVAL);
    o = outcome(NX_TICK_TRAPPED, true, (nx_tick_stop)7);
    CHECK_EQ(nx_safety_tick_done(&S, &o, &a), NX_SAFETY_EINVAL);
    CHECK_EQ(nx_safety_tick_faults(&S), 0u);
}

/* ---- transition log ---- */

static void test_log_ring(void)
{
    const uint32_t total = 2u * NX_SAFETY_LOG_LEN + 5u; /* after the resume */
    nx_safety_log_entry e;
    uint32_t i;
    size_t k;

    to_normal(0xFFFFFF00u);
    for (i = 0; i < total; i++) {
        nx_safety_ev ev = (i % 2u == 0u) ? NX_EV_SENSOR_FAILURE : NX_EV_SENSOR_RECOVERED;
        CHECK_EQ(nx_safety_event(&S, ev, 0xFFFFFF00u + i), NX_SAFETY_OK);
    }
    CHECK_EQ(nx_safety_log_total(&S), total + 1u);
    CHECK_EQ(nx_safety_log_count(&S), NX_SAFETY_LOG_LEN);
    CHECK_EQ(M.transitions, (int)(total + 1u));
    for (k = 0; k < NX_SAFETY_LOG_LEN; k++) {
        uint32_t seq = total + 1u - NX_SAFETY_LOG_LEN + (uint32_t)k;
        uint32_t j = seq - 1u; /* index of the event in the loop above */
        CHECK_EQ(nx_safety_log_get(&S, k, &e), NX_SAFETY_OK);
        CHECK_EQ(e.seq, seq);
        CHECK_EQ(e.time_ms, (uint32_t)(0xFFFFFF00u + j));
        CHECK_EQ(e.from, j % 2u == 0u ? NX_SAFETY_NORMAL : NX_SAFETY_DEGRADED);
        CHECK_EQ(e.to, j % 2u == 0u ? NX_SAFETY_DEGRADED : NX_SAFETY_NORMAL);
        CHECK_EQ(e.event, j % 2u == 0u ? NX_EV_SENSOR_FAILURE : NX_EV_SENSOR_RECOVERED);
        CHECK(e.reason != NULL);
    }
    CHECK_EQ(nx_safety_log_get(&S, NX_SAFETY_LOG_LEN, &e), NX_SAFETY_ERANGE);
    CHECK_EQ(nx_safety_log_get(&S, 0, NULL), NX_SAFETY_EINVAL);
    CHECK_EQ(nx_safety_log_get(NULL, 0, &e), NX_SAFETY_EINVAL);
}

static void test_log_partial(void)
{
    nx_safety_log_entry e;
    to_normal(10u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_ESTOP, 20u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_log_count(&S), 2u);
    CHECK_EQ(nx_safety_log_get(&S, 0, &e), NX_SAFETY_OK);
    CHECK_EQ(e.seq, 0u);
    CHECK_EQ(e.from, NX_SAFETY_SAFE_STATE);
    CHECK_EQ(e.to, NX_SAFETY_NORMAL);
    CHECK_EQ(e.event, NX_EV_RESUME);
    CHECK(strcmp(e.reason, "resume command") == 0);
    CHECK_EQ(nx_safety_log_get(&S, 1, &e), NX_SAFETY_OK);
    CHECK_EQ(e.seq, 1u);
    CHECK_EQ(e.time_ms, 20u);
    CHECK_EQ(e.event, NX_EV_ESTOP);
    CHECK(strcmp(e.reason, "e-stop pressed") == 0);
    CHECK_EQ(nx_safety_log_get(&S, 2, &e), NX_SAFETY_ERANGE);
}

/* ---- arguments, names ---- */

static void test_arguments(void)
{
    nx_safety_hal hal = {NULL, NULL, NULL, NULL};
    CHECK_EQ(nx_safety_init(NULL, &hal, 0u), NX_SAFETY_EINVAL);
    CHECK_EQ(nx_safety_init(&S, NULL, 0u), NX_SAFETY_EINVAL);
    CHECK_EQ(nx_safety_init(&S, &hal, 0u), NX_SAFETY_EINVAL); /* io_write required */
    hal.io_write = mock_write;
    hal.ctx = &M;
    CHECK_EQ(nx_safety_init(&S, &hal, 0u), NX_SAFETY_OK); /* kick and notify optional */
    nx_safety_wdt_kick(&S, 1u);
    CHECK_EQ(nx_safety_event(&S, NX_EV_OVERCURRENT, 2u), NX_SAFETY_OK);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_FAULT);

    setup(0u);
    CHECK_EQ(nx_safety_event(&S, (nx_safety_ev)NX_SAFETY_NUM_EVENTS, 1u), NX_SAFETY_EINVAL);
    CHECK_EQ(nx_safety_event(&S, (nx_safety_ev)-1, 1u), NX_SAFETY_EINVAL);
    CHECK_EQ(nx_safety_event(NULL, NX_EV_ESTOP, 1u), NX_SAFETY_EINVAL);
    CHECK_EQ(nx_safety_poll(NULL, 1u), NX_SAFETY_EINVAL);
    CHECK_EQ(nx_safety_activate(NULL, NULL, 0, false), NX_SAFETY_EINVAL);
    CHECK_EQ(nx_safety_apply_safe_values(NULL), 0u);
    CHECK(!nx_safety_vm_may_run(NULL));
    CHECK(!nx_safety_wdt_kick_due(NULL, 0u));
    nx_safety_wdt_kick(NULL, 0u);
    CHECK_EQ(nx_safety_get_state(NULL), NX_SAFETY_FAULT);
    CHECK_EQ(nx_safety_log_count(NULL), 0u);
    CHECK_EQ(nx_safety_log_total(NULL), 0u);
    CHECK_EQ(nx_safety_tick_faults(NULL), 0u);
    CHECK_EQ(nx_safety_resume_blockers(NULL, 0u), NX_SAFETY_BLOCK_FAULT);
    CHECK_EQ(nx_safety_get_state(&S), NX_SAFETY_SAFE_STATE);
}

static void test_names(void)
{
    int i, j, code;
    for (i = 0; i < NX_SAFETY_NUM_STATES; i++) {
        const char *a = nx_safety_state_name((nx_safety_state)i);
        CHECK(a != NULL && strcmp(a, "?") != 0);
        for (j = 0; j < i; j++) {
            CHECK(strcmp(a, nx_safety_state_name((nx_safety_state)j)) != 0);
        }
    }
    for (i = 0; i < NX_SAFETY_NUM_EVENTS; i++) {
        const char *a = nx_safety_event_name((nx_safety_ev)i);
        CHECK(a != NULL && strcmp(a, "?") != 0);
        for (j = 0; j < i; j++) {
            CHECK(strcmp(a, nx_safety_event_name((nx_safety_ev)j)) != 0);
        }
    }
    CHECK(strcmp(nx_safety_state_name(NX_SAFETY_SAFE_STATE), "SAFE_STATE") == 0);
    CHECK(strcmp(nx_safety_event_name(NX_EV_ESTOP), "ESTOP") == 0);
    CHECK(strcmp(nx_safety_state_name((nx_safety_state)NX_SAFETY_NUM_STATES), "?") == 0);
    CHECK(strcmp(nx_safety_event_name((nx_safety_ev)NX_SAFETY_NUM_EVENTS), "?") == 0);
    for (code = NX_SAFETY_ERANGE; code <= NX_SAFETY_OK; code++) {
        CHECK(strcmp(nx_safety_strerror(code), "unknown error") != 0);
    }
    CHECK(strcmp(nx_safety_strerror(1), "unknown error") == 0);
    CHECK(strcmp(nx_safety_strerror(-100), "unknown error") == 0);
}

struct test {
    const char *name;
    void (*fn)(void);
};

#define T(f) {#f, f}

static const struct test tests[] = {
    T(test_every_cell),
    T(test_power_on),
    T(test_power_on_no_heartbeat),
    T(test_resume_needs_estop_released),
    T(test_resume_needs_fresh_heartbeat),
    T(test_heartbeat_does_not_leave_safe_state),
    T(test_resume_with_sensor_failure),
    T(test_fault_is_latched),
    T(test_safe_state_to_fault),
    T(test_degraded_needs_both_causes_cleared),
    T(test_sensor_recovered_with_stale_heartbeat),
    T(test_heartbeat_edges),
    T(test_heartbeat_every_ms_around_edges),
    T(test_heartbeat_stall),
    T(test_heartbeat_out_of_order_timestamp),
    T(test_heartbeat_levels_latched_across_wrap),
    T(test_wdt),
    T(test_wdt_timeout_during_boot),
    T(test_wdt_regular_kicks_never_time_out),
    T(test_activate),
    T(test_tick_without_failsafe),
    T(test_tick_with_failsafe),
    T(test_tick_in_degraded_and_stopped_states),
    T(test_tick_bad_arguments),
    T(test_log_ring),
    T(test_log_partial),
    T(test_arguments),
    T(test_names),
};

int main(void)
{
    size_t i, failed_tests = 0;
    for (i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        int before = failures;
        tests[i].fn();
        if (failures != before) {
            failed_tests++;
            fprintf(stderr, "FAIL %s\n", tests[i].name);
        }
    }
    printf("test_safety: %zu tests, %d checks, %d failed checks, %zu failed tests\n",
           sizeof tests / sizeof tests[0], checks, failures, failed_tests);
    return failures == 0 ? 0 : 1;
}
