/*
 * nexus_safety.c - safety state machine, heartbeat and watchdog supervision,
 * software watchdog around the VM tick, transition log. See nexus_safety.h
 * for the model and spec/safety.md for the rationale.
 *
 * How an event is processed
 * -------------------------
 * 1. The event updates the live conditions (cond_update): BOOT_COMPLETE sets
 *    booted, HEARTBEAT records the time and marks the heartbeat present,
 *    ESTOP / ESTOP_RELEASED set / clear the e-stop, SENSOR_* set / clear the
 *    sensor failure, HEARTBEAT_MISSED / _LOST lower the heartbeat level.
 * 2. The rule for (event, current state) is looked up in the table below.
 *    A rule has a target (or STAY), a guard and a constant reason.
 * 3. If the guard holds and the target differs from the current state, the
 *    transition is logged and, when the target is SAFE_STATE or FAULT, every
 *    declared actuator is driven to its safe value.
 *
 * Transition table (rows: event; columns: current state; "-" = no change)
 *
 *  event             | NORMAL      | DEGRADED        | SAFE_STATE        | FAULT
 *  ------------------+-------------+-----------------+-------------------+------
 *  BOOT_COMPLETE     | -           | -               | - (sets booted)   | -
 *  HEARTBEAT         | -           | NORMAL [clear]  | -                 | -
 *  HEARTBEAT_MISSED  | DEGRADED    | -               | -                 | -
 *  HEARTBEAT_LOST    | SAFE_STATE  | SAFE_STATE      | -                 | -
 *  ESTOP             | SAFE_STATE  | SAFE_STATE      | -                 | -
 *  ESTOP_RELEASED    | -           | -               | - (clears e-stop) | -
 *  OVERCURRENT       | FAULT       | FAULT           | FAULT             | -
 *  WATCHDOG_TIMEOUT  | FAULT       | FAULT           | FAULT             | -
 *  SENSOR_FAILURE    | DEGRADED    | -               | -                 | -
 *  SENSOR_RECOVERED  | -           | NORMAL [clear]  | -                 | -
 *  TRUST_VIOLATION   | SAFE_STATE  | SAFE_STATE      | -                 | -
 *  RESUME            | -           | -               | NORMAL [resume]   | - [refused]
 *
 *  [clear]  only if no DEGRADED cause remains: heartbeat present (received
 *           less than NX_SAFETY_HB_DEGRADE_MS ago) and no sensor failure.
 *  [resume] refused (NX_SAFETY_EREFUSED, no transition) unless booted,
 *           e-stop released and heartbeat present; goes to DEGRADED instead
 *           of NORMAL while a sensor failure persists.
 *  [refused] returns NX_SAFETY_EREFUSED.
 *
 * Power-on state: SAFE_STATE, not booted, heartbeat never seen. FAULT has no
 * way out: the node must be reset (power cycle, commanded reboot or the
 * hardware watchdog), after which it starts again in SAFE_STATE.
 */
#include "nexus_safety.h"

/* Copies n bytes. Struct assignment may compile to a memcpy call, which a
 * freestanding build (-nostdlib) does not have. */
static void copy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *p = src;
    while (n-- > 0U)
        *d++ = *p++;
}

_Static_assert(NX_SAFETY_NUM_CHANNELS == 16u, "the declared mask is 16 bits wide");

enum { STAY = 0xFF };

enum guard {
    G_NONE = 0,  /* unconditional */
    G_CLEAR = 1, /* no DEGRADED cause remains */
    G_RESUME = 2, /* resume conditions hold */
    G_REFUSE = 3  /* always refused */
};

enum hb_level { HB_PRESENT = 0, HB_MISSED = 1, HB_LOST = 2 };

struct rule {
    uint8_t to;
    uint8_t guard;
    const char *reason;
};

#define R_STAY {STAY, G_NONE, NULL}

static const char REASON_HB_RESTORED[] = "heartbeat restored";
static const char REASON_HB_MISSED[] = "heartbeat missed: degrade threshold reached";
static const char REASON_HB_LOST[] = "heartbeat lost: safe-state threshold reached";
static const char REASON_ESTOP[] = "e-stop pressed";
static const char REASON_OVERCURRENT[] = "over-current";
static const char REASON_WDT[] = "watchdog not kicked within its timeout";
static const char REASON_SENSOR[] = "sensor failure";
static const char REASON_SENSOR_OK[] = "sensors recovered";
static const char REASON_TRUST[] = "trust violation";
static const char REASON_RESUME[] = "resume command";
static const char REASON_RESUME_DEGRADED[] = "resume command; sensor failure persists";

/* rules[event][state], columns NORMAL, DEGRADED, SAFE_STATE, FAULT. */
static const struct rule rules[NX_SAFETY_NUM_EVENTS][NX_SAFETY_NUM_STATES] = {
    [NX_EV_BOOT_COMPLETE] = {R_STAY, R_STAY, R_STAY, R_STAY},
    [NX_EV_HEARTBEAT] = {R_STAY, {NX_SAFETY_NORMAL, G_CLEAR, REASON_HB_RESTORED}, R_STAY, R_STAY},
    [NX_EV_HEARTBEAT_MISSED] = {{NX_SAFETY_DEGRADED, G_NONE, REASON_HB_MISSED}, R_STAY, R_STAY, R_STAY},
    [NX_EV_HEARTBEAT_LOST] = {{NX_SAFETY_SAFE_STATE, G_NONE, REASON_HB_LOST},
                              {NX_SAFETY_SAFE_STATE, G_NONE, REASON_HB_LOST}, R_STAY, R_STAY},
    [NX_EV_ESTOP] = {{NX_SAFETY_SAFE_STATE, G_NONE, REASON_ESTOP},
                     {NX_SAFETY_SAFE_STATE, G_NONE, REASON_ESTOP}, R_STAY, R_STAY},
    [NX_EV_ESTOP_RELEASED] = {R_STAY, R_STAY, R_STAY, R_STAY},
    [NX_EV_OVERCURRENT] = {{NX_SAFETY_FAULT, G_NONE, REASON_OVERCURRENT},
                           {NX_SAFETY_FAULT, G_NONE, REASON_OVERCURRENT},
                           {NX_SAFETY_FAULT, G_NONE, REASON_OVERCURRENT}, R_STAY},
    [NX_EV_WATCHDOG_TIMEOUT] = {{NX_SAFETY_FAULT, G_NONE, REASON_WDT},
                                {NX_SAFETY_FAULT, G_NONE, REASON_WDT},
                                {NX_SAFETY_FAULT, G_NONE, REASON_WDT}, R_STAY},
    [NX_EV_SENSOR_FAILURE] = {{NX_SAFETY_DEGRADED, G_NONE, REASON_SENSOR}, R_STAY, R_STAY, R_STAY},
    [NX_EV_SENSOR_RECOVERED] = {R_STAY, {NX_SAFETY_NORMAL, G_CLEAR, REASON_SENSOR_OK}, R_STAY, R_STAY},
    [NX_EV_TRUST_VIOLATION] = {{NX_SAFETY_SAFE_STATE, G_NONE, REASON_TRUST},
                               {NX_SAFETY_SAFE_STATE, G_NONE, REASON_TRUST}, R_STAY, R_STAY},
    [NX_EV_RESUME] = {R_STAY, R_STAY, {NX_SAFETY_NORMAL, G_RESUME, REASON_RESUME}, {STAY, G_REFUSE, NULL}},
};

static const char *const state_names[NX_SAFETY_NUM_STATES] = {
    [NX_SAFETY_NORMAL] = "NORMAL",
    [NX_SAFETY_DEGRADED] = "DEGRADED",
    [NX_SAFETY_SAFE_STATE] = "SAFE_STATE",
    [NX_SAFETY_FAULT] = "FAULT",
};

static const char *const event_names[NX_SAFETY_NUM_EVENTS] = {
    [NX_EV_BOOT_COMPLETE] = "BOOT_COMPLETE",
    [NX_EV_HEARTBEAT] = "HEARTBEAT",
    [NX_EV_HEARTBEAT_MISSED] = "HEARTBEAT_MISSED",
    [NX_EV_HEARTBEAT_LOST] = "HEARTBEAT_LOST",
    [NX_EV_ESTOP] = "ESTOP",
    [NX_EV_ESTOP_RELEASED] = "ESTOP_RELEASED",
    [NX_EV_OVERCURRENT] = "OVERCURRENT",
    [NX_EV_WATCHDOG_TIMEOUT] = "WATCHDOG_TIMEOUT",
    [NX_EV_SENSOR_FAILURE] = "SENSOR_FAILURE",
    [NX_EV_SENSOR_RECOVERED] = "SENSOR_RECOVERED",
    [NX_EV_TRUST_VIOLATION] = "TRUST_VIOLATION",
    [NX_EV_RESUME] = "RESUME",
};

/* Age of a timestamp. Unsigned subtraction handles the wrap of the uint32
 * clock; a difference >= 2^31 means "then" is after "now" (an event stamped
 * out of order) and counts as 0. */
static uint32_t age_ms(uint32_t now, uint32_t then)
{
    uint32_t d = now - then;
    return (d & 0x80000000u) != 0u ? 0u : d;
}

static bool hb_present(const nx_safety *s, uint32_t now)
{
    return s->hb_level == HB_PRESENT && age_ms(now, s->last_hb_ms) < NX_SAFETY_HB_DEGRADE_MS;
}

static bool is_safe_target(uint8_t st)
{
    return st == NX_SAFETY_SAFE_STATE || st == NX_SAFETY_FAULT;
}

int nx_safety_init(nx_safety *s, const nx_safety_hal *hal, uint32_t now_ms)
{
    size_t i;

    if (s == NULL || hal == NULL || hal->io_write == NULL) {
        return NX_SAFETY_EINVAL;
    }
    copy(&s->hal, hal, sizeof *hal);
    s->state = NX_SAFETY_SAFE_STATE;
    s->hb_level = HB_LOST; /* never seen: resume needs a first heartbeat */
    s->booted = false;
    s->estop = false;
    s->sensor_failed = false;
    s->wdt_expired = false;
    s->has_failsafe = false;
    s->declared = 0u;
    for (i = 0; i < NX_SAFETY_NUM_CHANNELS; i++) {
        s->safe_value[i] = 0u;
    }
    s->last_hb_ms = now_ms;
    s->last_kick_ms = now_ms;
    s->tick_faults = 0u;
    s->log_total = 0u;
    s->log_next = 0u;
    s->log_count = 0u;
    for (i = 0; i < NX_SAFETY_LOG_LEN; i++) {
        s->log[i].seq = 0u;
        s->log[i].time_ms = 0u;
        s->log[i].from = 0u;
        s->log[i].to = 0u;
        s->log[i].event = 0u;
        s->log[i].reason = NULL;
    }
    return NX_SAFETY_OK;
}

static void cond_update(nx_safety *s, nx_safety_ev ev, uint32_t now)
{
    switch (ev) {
    case NX_EV_BOOT_COMPLETE:
        s->booted = true;
        break;
    case NX_EV_HEARTBEAT:
        s->hb_level = HB_PRESENT;
        s->last_hb_ms = now;
        break;
    case NX_EV_HEARTBEAT_MISSED:
        if (s->hb_level == HB_PRESENT) {
            s->hb_level = HB_MISSED;
        }
        break;
    case NX_EV_HEARTBEAT_LOST:
        s->hb_level = HB_LOST;
        break;
    case NX_EV_ESTOP:
        s->estop = true;
        break;
    case NX_EV_ESTOP_RELEASED:
        s->estop = false;
        break;
    case NX_EV_WATCHDOG_TIMEOUT:
        s->wdt_expired = true;
        break;
    case NX_EV_SENSOR_FAILURE:
        s->sensor_failed = true;
        break;
    case NX_EV_SENSOR_RECOVERED:
        s->sensor_failed = false;
        break;
    case NX_EV_OVERCURRENT:
    case NX_EV_TRUST_VIOLATION:
    case NX_EV_RESUME:
    default:
        break;
    }
}

static void log_transition(nx_safety *s, uint32_t now, uint8_t to, nx_safety_ev ev,
                           const char *reason)
{
    nx_safety_log_entry *e = &s->log[s->log_next];

    e->seq = s->log_total;
    e->time_ms = now;
    e->from = s->state;
    e->to = to;
    e->event = (uint8_t)ev;
    e->reason = reason;
    s->log_total++;
    s->log_next = (uint16_t)((s->log_next + 1u) % NX_SAFETY_LOG_LEN);
    if (s->log_count < NX_SAFETY_LOG_LEN) {
        s->log_count++;
    }
    s->state = to;
    if (s->hal.on_transition != NULL) {
        s->hal.on_transition(s->hal.ctx, e);
    }
}

uint32_t nx_safety_resume_blockers(const nx_safety *s, uint32_t now_ms)
{
    uint32_t b = 0u;

    if (s == NULL) {
        return NX_SAFETY_BLOCK_FAULT;
    }
    if (s->state == NX_SAFETY_FAULT) {
        b |= NX_SAFETY_BLOCK_FAULT;
    }
    if (!s->booted) {
        b |= NX_SAFETY_BLOCK_NOT_BOOTED;
    }
    if (s->estop) {
        b |= NX_SAFETY_BLOCK_ESTOP;
    }
    if (!hb_present(s, now_ms)) {
        b |= NX_SAFETY_BLOCK_NO_HEARTBEAT;
    }
    return b;
}

int nx_safety_event(nx_safety *s, nx_safety_ev ev, uint32_t now_ms)
{
    const struct rule *r;
    uint8_t to;
    const char *reason;

    if (s == NULL || (unsigned)ev >= NX_SAFETY_NUM_EVENTS) {
        return NX_SAFETY_EINVAL;
    }
    cond_update(s, ev, now_ms);
    r = &rules[ev][s->state];
    to = r->to;
    reason = r->reason;
    switch (r->guard) {
    case G_CLEAR:
        if (s->sensor_failed || !hb_present(s, now_ms)) {
            to = STAY;
        }
        break;
    case G_RESUME:
        if (nx_safety_resume_blockers(s, now_ms) != 0u) {
            return NX_SAFETY_EREFUSED;
        }
        if (s->sensor_failed) {
            to = NX_SAFETY_DEGRADED;
            reason = REASON_RESUME_DEGRADED;
        }
        break;
    case G_REFUSE:
        return NX_SAFETY_EREFUSED;
    default:
        break;
    }
    if (to == STAY || to == s->state) {
        return NX_SAFETY_OK;
    }
    log_transition(s, now_ms, to, ev, reason);
    if (is_safe_target(to)) {
        (void)nx_safety_apply_safe_values(s);
    }
    return NX_SAFETY_OK;
}

int nx_safety_poll(nx_safety *s, uint32_t now_ms)
{
    uint32_t hb_age;

    if (s == NULL) {
        return NX_SAFETY_EINVAL;
    }
    hb_age = age_ms(now_ms, s->last_hb_ms);
    if (s->hb_level == HB_PRESENT && hb_age >= NX_SAFETY_HB_DEGRADE_MS) {
        (void)nx_safety_event(s, NX_EV_HEARTBEAT_MISSED, now_ms);
    }
    if (s->hb_level == HB_MISSED && hb_age >= NX_SAFETY_HB_SAFE_MS) {
        (void)nx_safety_event(s, NX_EV_HEARTBEAT_LOST, now_ms);
    }
    if (!s->wdt_expired && age_ms(now_ms, s->last_kick_ms) >= NX_SAFETY_WDT_TIMEOUT_MS) {
        (void)nx_safety_event(s, NX_EV_WATCHDOG_TIMEOUT, now_ms);
    }
    return NX_SAFETY_OK;
}

nx_safety_state nx_safety_get_state(const nx_safety *s)
{
    return s == NULL ? NX_SAFETY_FAULT : (nx_safety_state)s->state;
}

bool nx_safety_vm_may_run(const nx_safety *s)
{
    return s != NULL && (s->state == NX_SAFETY_NORMAL || s->state == NX_SAFETY_DEGRADED);
}

void nx_safety_wdt_kick(nx_safety *s, uint32_t now_ms)
{
    if (s == NULL) {
        return;
    }
    s->last_kick_ms = now_ms;
    s->wdt_expired = false;
    if (s->hal.wdt_kick != NULL) {
        s->hal.wdt_kick(s->hal.ctx);
    }
}

bool nx_safety_wdt_kick_due(const nx_safety *s, uint32_t now_ms)
{
    return s != NULL && age_ms(now_ms, s->last_kick_ms) >= NX_SAFETY_WDT_KICK_MS;
}

int nx_safety_activate(nx_safety *s, const nx_safe_value *vals, size_t n, bool has_failsafe)
{
    uint16_t mask = 0u;
    size_t i;

    if (s == NULL || (vals == NULL && n != 0u)) {
        return NX_SAFETY_EINVAL;
    }
    for (i = 0; i < n; i++) {
        uint8_t ch = vals[i].channel;
        uint16_t bit;
        if (ch < NX_FIRST_IO_CHANNEL || ch > NX_LAST_IO_CHANNEL) {
            return NX_SAFETY_ECHANNEL;
        }
        bit = (uint16_t)(1u << (ch - NX_FIRST_IO_CHANNEL));
        if ((mask & bit) != 0u) {
            return NX_SAFETY_EDUP;
        }
        mask = (uint16_t)(mask | bit);
    }
    s->declared = mask;
    for (i = 0; i < NX_SAFETY_NUM_CHANNELS; i++) {
        s->safe_value[i] = 0u;
    }
    for (i = 0; i < n; i++) {
        s->safe_value[vals[i].channel - NX_FIRST_IO_CHANNEL] = vals[i].value;
    }
    s->has_failsafe = has_failsafe;
    if (is_safe_target(s->state)) {
        (void)nx_safety_apply_safe_values(s);
    }
    return NX_SAFETY_OK;
}

size_t nx_safety_apply_safe_values(nx_safety *s)
{
    size_t i, written = 0u;

    if (s == NULL) {
        return 0u;
    }
    for (i = 0; i < NX_SAFETY_NUM_CHANNELS; i++) {
        if ((s->declared & (1u << i)) != 0u) {
            s->hal.io_write(s->hal.ctx, (uint8_t)(NX_FIRST_IO_CHANNEL + i), s->safe_value[i]);
            written++;
        }
    }
    return written;
}

static bool stop_valid(nx_tick_stop st)
{
    return st == NX_TICK_HALTED || st == NX_TICK_TRAPPED || st == NX_TICK_OVERRUN;
}

int nx_safety_tick_done(nx_safety *s, const nx_tick_outcome *o, nx_wd_action *action)
{
    if (s == NULL || o == NULL || action == NULL || !stop_valid(o->stop) ||
        (o->failsafe_ran && !stop_valid(o->failsafe_stop))) {
        return NX_SAFETY_EINVAL;
    }
    if (!nx_safety_vm_may_run(s)) {
        (void)nx_safety_apply_safe_values(s);
        *action = NX_WD_SAFE_VALUES;
        return NX_SAFETY_ESTATE;
    }
    if (o->stop == NX_TICK_HALTED) {
        *action = NX_WD_OK;
        return NX_SAFETY_OK;
    }
    if (s->has_failsafe && !o->failsafe_ran) {
        /* Counted when the failsafe's outcome is reported. */
        *action = NX_WD_RUN_FAILSAFE;
        return NX_SAFETY_OK;
    }
    s->tick_faults++;
    if (s->has_failsafe && o->failsafe_stop == NX_TICK_HALTED) {
        *action = NX_WD_FAILSAFE_HANDLED;
        return NX_SAFETY_OK;
    }
    (void)nx_safety_apply_safe_values(s);
    *action = NX_WD_SAFE_VALUES;
    return NX_SAFETY_OK;
}

uint32_t nx_safety_tick_faults(const nx_safety *s)
{
    return s == NULL ? 0u : s->tick_faults;
}

size_t nx_safety_log_count(const nx_safety *s)
{
    return s == NULL ? 0u : (size_t)s->log_count;
}

uint32_t nx_safety_log_total(const nx_safety *s)
{
    return s == NULL ? 0u : s->log_total;
}

int nx_safety_log_get(const nx_safety *s, size_t i, nx_safety_log_entry *out)
{
    if (s == NULL || out == NULL) {
        return NX_SAFETY_EINVAL;
    }
    if (i >= s->log_count) {
        return NX_SAFETY_ERANGE;
    }
    /* Oldest held entry: log_next when full, 0 otherwise. */
    copy(out, &s->log[((size_t)s->log_next + NX_SAFETY_LOG_LEN - s->log_count + i) % NX_SAFETY_LOG_LEN], sizeof *out);
    return NX_SAFETY_OK;
}

const char *nx_safety_state_name(nx_safety_state st)
{
    return (unsigned)st < NX_SAFETY_NUM_STATES ? state_names[st] : "?";
}

const char *nx_safety_event_name(nx_safety_ev ev)
{
    return (unsigned)ev < NX_SAFETY_NUM_EVENTS ? event_names[ev] : "?";
}

const char *nx_safety_strerror(int code)
{
    switch (code) {
    case NX_SAFETY_OK:
        return "ok";
    case NX_SAFETY_EINVAL:
        return "invalid argument";
    case NX_SAFETY_ECHANNEL:
        return "safe value for a channel outside 16..31";
    case NX_SAFETY_EDUP:
        return "two safe values for the same channel";
    case NX_SAFETY_EREFUSED:
        return "resume refused: a cause is still active";
    case NX_SAFETY_ESTATE:
        return "vm tick reported while the safety state forbids running";
    case NX_SAFETY_ERANGE:
        return "log index out of range";
    default:
        return "unknown error";
    }
}
