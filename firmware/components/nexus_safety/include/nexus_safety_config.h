/*
 * nexus_safety_config.h - compile-time configuration of the safety layer.
 *
 * Every tunable of nexus_safety lives here. Each may be overridden with -D
 * (or an ESP-IDF Kconfig shim) before this header is included; the static
 * assertions at the end reject inconsistent values at compile time.
 * Defaults follow the reference firmware's timing (see spec/safety.md).
 */
#ifndef NEXUS_SAFETY_CONFIG_H
#define NEXUS_SAFETY_CONFIG_H

/* Heartbeat supervision: DEGRADED once this many ms have passed without a
 * heartbeat from the Jetson (age >= value), ... */
#ifndef NX_SAFETY_HB_DEGRADE_MS
#define NX_SAFETY_HB_DEGRADE_MS 5000u
#endif

/* ... and SAFE_STATE once this many ms have passed (age >= value). */
#ifndef NX_SAFETY_HB_SAFE_MS
#define NX_SAFETY_HB_SAFE_MS 10000u
#endif

/* Hardware watchdog: the node loop kicks it every NX_SAFETY_WDT_KICK_MS;
 * NX_SAFETY_WDT_TIMEOUT_MS without a kick is a watchdog timeout. */
#ifndef NX_SAFETY_WDT_KICK_MS
#define NX_SAFETY_WDT_KICK_MS 200u
#endif
#ifndef NX_SAFETY_WDT_TIMEOUT_MS
#define NX_SAFETY_WDT_TIMEOUT_MS 1000u
#endif

/* Period at which the node calls nx_safety_poll (informational: the layer
 * works with any period shorter than the thresholds above). */
#ifndef NX_SAFETY_POLL_MS
#define NX_SAFETY_POLL_MS 10u
#endif

/* Capacity of the transition log ring buffer (entries; oldest overwritten). */
#ifndef NX_SAFETY_LOG_LEN
#define NX_SAFETY_LOG_LEN 32u
#endif

_Static_assert(NX_SAFETY_HB_DEGRADE_MS > 0u, "heartbeat degrade threshold must be positive");
_Static_assert(NX_SAFETY_HB_DEGRADE_MS < NX_SAFETY_HB_SAFE_MS,
               "heartbeat degrade threshold must come before the safe-state threshold");
_Static_assert(NX_SAFETY_HB_SAFE_MS < 0x80000000u, "heartbeat thresholds must be below 2^31 ms");
_Static_assert(NX_SAFETY_WDT_KICK_MS > 0u && NX_SAFETY_WDT_KICK_MS < NX_SAFETY_WDT_TIMEOUT_MS,
               "watchdog must be kicked more often than it times out");
_Static_assert(NX_SAFETY_WDT_TIMEOUT_MS < 0x80000000u, "watchdog timeout must be below 2^31 ms");
_Static_assert(NX_SAFETY_POLL_MS < NX_SAFETY_WDT_KICK_MS, "poll period must be shorter than the kick period");
_Static_assert(NX_SAFETY_LOG_LEN >= 1u && NX_SAFETY_LOG_LEN <= 0xFFFFu, "log length out of range");

#endif /* NEXUS_SAFETY_CONFIG_H */
