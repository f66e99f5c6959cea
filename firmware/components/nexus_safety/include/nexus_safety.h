/*
 * nexus_safety.h - the node's safety layer (tiers 2 and 3 of the NEXUS
 * safety model: firmware safe-state outputs and supervisory state machine).
 *
 * Model
 * -----
 * One nx_safety object per node holds
 *   - the safety state (NORMAL, DEGRADED, SAFE_STATE, FAULT) and the live
 *     conditions that drive it (booted, e-stop pressed, heartbeat level,
 *     sensor failure);
 *   - heartbeat supervision of the Jetson link (DEGRADED after
 *     NX_SAFETY_HB_DEGRADE_MS without a heartbeat, SAFE_STATE after
 *     NX_SAFETY_HB_SAFE_MS);
 *   - supervision of the hardware-watchdog kick cadence (a kick is due every
 *     NX_SAFETY_WDT_KICK_MS; NX_SAFETY_WDT_TIMEOUT_MS without one is a
 *     watchdog timeout, which latches FAULT);
 *   - the software watchdog around the VM tick: the node loop reports each
 *     tick's outcome and is told whether the program's failsafe entry must
 *     run or whether the layer has driven every declared actuator to its
 *     safe value;
 *   - the table of declared safe values (IO channels 16..31), set when a
 *     program is activated;
 *   - a fixed-size ring buffer logging every state transition with its time,
 *     cause (event) and a constant reason string.
 *
 * Time is injected: every call that needs it takes now_ms, a free-running
 * uint32 millisecond clock that may wrap. Ages are unsigned differences
 * (now - then); a difference of 2^31 or more is read as a timestamp slightly
 * in the future (events reported out of order) and counts as age 0. Once a
 * threshold has been crossed its level is latched until the next heartbeat
 * or kick, so a clock wrap never turns a lost heartbeat back into a fresh one.
 *
 * The power-on state is SAFE_STATE (not yet booted). The resume command is
 * the only way from SAFE_STATE back to running, and it is accepted only when
 * every cause has cleared (booted, e-stop released, fresh heartbeat); FAULT
 * is left only by a reset. The full transition table is in nexus_safety.c
 * and spec/safety.md.
 *
 * The struct is declared here only so that the caller can allocate it
 * (statically: the layer never allocates); its fields are private.
 *
 * Everything is single-threaded: if ISRs report events (e-stop,
 * over-current), the caller serialises the calls (e.g. by queueing the events
 * to the safety task).
 */
#ifndef NEXUS_SAFETY_H
#define NEXUS_SAFETY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nexus_isa.h"
#include "nexus_safety_config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Return codes (0 = success). nx_safety_strerror names them. */
#define NX_SAFETY_OK        0
#define NX_SAFETY_EINVAL    (-1) /* bad argument (NULL, unknown event, bad outcome) */
#define NX_SAFETY_ECHANNEL  (-2) /* safe value for a channel outside 16..31 */
#define NX_SAFETY_EDUP      (-3) /* two safe values for the same channel */
#define NX_SAFETY_EREFUSED  (-4) /* resume refused: a cause is still active, or FAULT */
#define NX_SAFETY_ESTATE    (-5) /* a VM tick ran although the state forbids it */
#define NX_SAFETY_ERANGE    (-6) /* log index out of range */

/* Safety states. Numbers are stable (they appear in telemetry and logs). */
typedef enum nx_safety_state {
    NX_SAFETY_NORMAL = 0,     /* program runs; Jetson link and sensors healthy */
    NX_SAFETY_DEGRADED = 1,   /* program runs; heartbeat late or a sensor failed */
    NX_SAFETY_SAFE_STATE = 2, /* program stopped, actuators at safe values; exit only by resume */
    NX_SAFETY_FAULT = 3       /* program stopped, actuators at safe values; exit only by reset */
} nx_safety_state;
#define NX_SAFETY_NUM_STATES 4

/* Events. Numbers are stable. */
typedef enum nx_safety_ev {
    NX_EV_BOOT_COMPLETE = 0,     /* start-up and self-tests finished */
    NX_EV_HEARTBEAT = 1,         /* heartbeat received from the Jetson */
    NX_EV_HEARTBEAT_MISSED = 2,  /* no heartbeat for NX_SAFETY_HB_DEGRADE_MS (raised by poll) */
    NX_EV_HEARTBEAT_LOST = 3,    /* no heartbeat for NX_SAFETY_HB_SAFE_MS (raised by poll) */
    NX_EV_ESTOP = 4,             /* emergency stop pressed */
    NX_EV_ESTOP_RELEASED = 5,    /* emergency stop released */
    NX_EV_OVERCURRENT = 6,       /* over-current detected on an actuator rail */
    NX_EV_WATCHDOG_TIMEOUT = 7,  /* watchdog not kicked for NX_SAFETY_WDT_TIMEOUT_MS (raised by poll) */
    NX_EV_SENSOR_FAILURE = 8,    /* a sensor the node depends on failed */
    NX_EV_SENSOR_RECOVERED = 9,  /* all sensors healthy again */
    NX_EV_TRUST_VIOLATION = 10,  /* the trust gate revoked the program's authority */
    NX_EV_RESUME = 11            /* explicit resume command (operator or Jetson) */
} nx_safety_ev;
#define NX_SAFETY_NUM_EVENTS 12

/* Why a resume would be refused (bit set = cause still active). */
#define NX_SAFETY_BLOCK_NOT_BOOTED    0x01u /* boot complete not yet reported */
#define NX_SAFETY_BLOCK_ESTOP         0x02u /* e-stop still pressed */
#define NX_SAFETY_BLOCK_NO_HEARTBEAT  0x04u /* no heartbeat within NX_SAFETY_HB_DEGRADE_MS */
#define NX_SAFETY_BLOCK_FAULT         0x08u /* in FAULT: only a reset leaves it */

/* IO channels whose safe values the layer holds (the VM's IO-mapped R16..R31). */
#define NX_SAFETY_NUM_CHANNELS (NX_LAST_IO_CHANNEL - NX_FIRST_IO_CHANNEL + 1u)

/* The node's hardware, as the safety layer needs it. */
typedef struct nx_safety_log_entry nx_safety_log_entry;
typedef struct nx_safety_hal {
    /* Drive IO channel ch (16..31) to value v. Required. */
    void (*io_write)(void *ctx, uint8_t ch, uint32_t v);
    /* Kick the hardware watchdog. Optional (NULL: supervision only). */
    void (*wdt_kick)(void *ctx);
    /* Told about every transition right after it is logged (telemetry).
     * Optional. Must not call back into the safety layer. */
    void (*on_transition)(void *ctx, const nx_safety_log_entry *e);
    void *ctx;
} nx_safety_hal;

/* One logged transition. reason points to a constant string. */
struct nx_safety_log_entry {
    uint32_t seq;     /* 0 for the first transition since init, then +1 each (wraps) */
    uint32_t time_ms; /* now_ms of the call that caused it */
    uint8_t from;     /* nx_safety_state */
    uint8_t to;       /* nx_safety_state */
    uint8_t event;    /* nx_safety_event */
    const char *reason;
};

/* A declared safe value: what channel must be driven to when the program
 * cannot be trusted to drive it. */
typedef struct nx_safe_value {
    uint8_t channel; /* 16..31 */
    uint32_t value;
} nx_safe_value;

/* ---- software watchdog around the VM tick ----
 * The node loop translates its VM's result into this struct (a thin adapter:
 * the safety layer does not know the VM's API). */
typedef enum nx_tick_stop {
    NX_TICK_HALTED = 0,  /* reached HALT (or ran past the end of the code) */
    NX_TICK_TRAPPED = 1, /* stopped on a trap */
    NX_TICK_OVERRUN = 2  /* exhausted its cycle budget */
} nx_tick_stop;

typedef struct nx_tick_outcome {
    nx_tick_stop stop;          /* how the tick entry's activation ended */
    uint8_t trap;               /* nx_trap code when stop == NX_TICK_TRAPPED (informational) */
    bool failsafe_ran;          /* the failsafe entry has already run for this tick */
    nx_tick_stop failsafe_stop; /* how it ended, when failsafe_ran */
} nx_tick_outcome;

typedef enum nx_wd_action {
    NX_WD_OK = 0,               /* the tick halted: nothing to do */
    NX_WD_RUN_FAILSAFE = 1,     /* run the failsafe entry now, then report again with failsafe_ran */
    NX_WD_FAILSAFE_HANDLED = 2, /* the failsafe ran and halted: it has put the outputs in order */
    NX_WD_SAFE_VALUES = 3       /* the layer drove every declared actuator to its safe value */
} nx_wd_action;

/* Private: allocate (statically), never touch the fields. */
typedef struct nx_safety {
    nx_safety_hal hal;
    uint8_t state;
    uint8_t hb_level; /* 0 present, 1 missed, 2 lost (or never seen) */
    bool booted;
    bool estop;
    bool sensor_failed;
    bool wdt_expired;
    bool has_failsafe;
    uint16_t declared; /* bit i: channel NX_FIRST_IO_CHANNEL + i has a safe value */
    uint32_t safe_value[NX_SAFETY_NUM_CHANNELS];
    uint32_t last_hb_ms;
    uint32_t last_kick_ms;
    uint32_t tick_faults;
    uint32_t log_total; /* transitions since init (wraps) */
    uint16_t log_next;  /* index the next entry is written to */
    uint16_t log_count; /* entries held */
    nx_safety_log_entry log[NX_SAFETY_LOG_LEN];
} nx_safety;

/* Power-on: state SAFE_STATE, not booted, no heartbeat yet, e-stop released,
 * no program (no safe values, no failsafe), watchdog last kicked at now_ms,
 * empty log. hal->io_write is required. */
int nx_safety_init(nx_safety *s, const nx_safety_hal *hal, uint32_t now_ms);

/* Report an event at now_ms and apply the transition table. Returns
 * NX_SAFETY_OK (whether or not the state changed), NX_SAFETY_EREFUSED for a
 * resume in SAFE_STATE with a cause still active or in FAULT, NX_SAFETY_EINVAL
 * for an unknown event. Entering SAFE_STATE or FAULT drives every declared
 * actuator to its safe value. */
int nx_safety_event(nx_safety *s, nx_safety_ev ev, uint32_t now_ms);

/* Called periodically (every NX_SAFETY_POLL_MS): raises HEARTBEAT_MISSED,
 * HEARTBEAT_LOST and WATCHDOG_TIMEOUT when their thresholds are reached
 * (age >= threshold), each once per lapse. */
int nx_safety_poll(nx_safety *s, uint32_t now_ms);

nx_safety_state nx_safety_get_state(const nx_safety *s);

/* True in NORMAL and DEGRADED: the node loop may run VM ticks. */
bool nx_safety_vm_may_run(const nx_safety *s);

/* Bitmask of NX_SAFETY_BLOCK_* that would refuse a resume at now_ms
 * (0: a resume would be accepted; meaningful in SAFE_STATE and FAULT). */
uint32_t nx_safety_resume_blockers(const nx_safety *s, uint32_t now_ms);

/* ---- hardware watchdog cadence ---- */

/* Record a kick at now_ms and call hal->wdt_kick if set. */
void nx_safety_wdt_kick(nx_safety *s, uint32_t now_ms);

/* True when NX_SAFETY_WDT_KICK_MS or more have passed since the last kick. */
bool nx_safety_wdt_kick_due(const nx_safety *s, uint32_t now_ms);

/* ---- program activation and the software watchdog ---- */

/* Replace the safe-value table with n entries (channels 16..31, each at most
 * once) and record whether the program has a failsafe entry. The table is
 * checked whole before anything changes (NX_SAFETY_ECHANNEL, NX_SAFETY_EDUP).
 * In SAFE_STATE or FAULT the new safe values are applied at once. */
int nx_safety_activate(nx_safety *s, const nx_safe_value *vals, size_t n, bool has_failsafe);

/* Drive every declared actuator to its safe value, in channel order.
 * Returns the number of channels written. */
size_t nx_safety_apply_safe_values(nx_safety *s);

/* Report the outcome of one VM tick; *action says what the node loop must
 * do. Trapped or overrun with a failsafe not yet run: NX_WD_RUN_FAILSAFE.
 * Failsafe ran and halted: NX_WD_FAILSAFE_HANDLED. No failsafe, or the
 * failsafe trapped or overran: the safe values are driven (NX_WD_SAFE_VALUES).
 * A tick reported while the VM may not run returns NX_SAFETY_ESTATE and
 * drives the safe values again. Tick faults do not change the safety state. */
int nx_safety_tick_done(nx_safety *s, const nx_tick_outcome *o, nx_wd_action *action);

/* Number of tick entry activations that trapped or overran since init. */
uint32_t nx_safety_tick_faults(const nx_safety *s);

/* ---- transition log ---- */

/* Entries currently held (at most NX_SAFETY_LOG_LEN). */
size_t nx_safety_log_count(const nx_safety *s);

/* Transitions logged since init, including those overwritten. */
uint32_t nx_safety_log_total(const nx_safety *s);

/* Copy entry i (0 = oldest held) to *out. NX_SAFETY_ERANGE if i >= count. */
int nx_safety_log_get(const nx_safety *s, size_t i, nx_safety_log_entry *out);

/* ---- names ---- */
const char *nx_safety_state_name(nx_safety_state st); /* "NORMAL", ...; "?" if unknown */
const char *nx_safety_event_name(nx_safety_ev ev); /* "ESTOP", ...; "?" if unknown */
const char *nx_safety_strerror(int code);

#ifdef __cplusplus
}
#endif

#endif /* NEXUS_SAFETY_H */
