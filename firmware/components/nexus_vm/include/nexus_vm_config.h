/*
 * nexus_vm_config.h: compile-time configuration of the NEXUS firmware VM.
 *
 * Every tunable of the VM is here and nowhere else. Override a value by
 * defining it before this header is included (e.g. -DNX_CFG_MEM_SIZE=16384
 * on the compiler command line, or in the ESP-IDF component's
 * target_compile_definitions). The defaults are the limits of spec/isa.md,
 * taken from the generated header so that nothing is spelled twice.
 */
#ifndef NEXUS_VM_CONFIG_H
#define NEXUS_VM_CONFIG_H

#include "nexus_isa.h"

/* Data memory in bytes: M in spec/isa.md. A multiple of 4 in 4..NX_MEM_SIZE.
 * Smaller parts may configure less; programs whose data segments or accesses
 * do not fit are rejected at load or fault with MEM_OUT_OF_BOUNDS. */
#ifndef NX_CFG_MEM_SIZE
#define NX_CFG_MEM_SIZE NX_MEM_SIZE
#endif

/* Capacity of each of the send, receive and interrupt queues: Q. */
#ifndef NX_CFG_QUEUE_CAP
#define NX_CFG_QUEUE_CAP NX_QUEUE_CAP
#endif

/* Stack entries shared by CALL and PUSH. spec/isa.md fixes it at 1024;
 * changing it makes the VM non-conforming (STACK_OVERFLOW moves). */
#ifndef NX_CFG_STACK_DEPTH
#define NX_CFG_STACK_DEPTH NX_STACK_DEPTH
#endif

/* Per-tick cycle budget when the host does not set one. */
#ifndef NX_CFG_DEFAULT_BUDGET
#define NX_CFG_DEFAULT_BUDGET NX_DEFAULT_BUDGET
#endif

_Static_assert(NX_CFG_MEM_SIZE >= 4 && NX_CFG_MEM_SIZE % 4 == 0 && NX_CFG_MEM_SIZE <= NX_MEM_SIZE,
               "NX_CFG_MEM_SIZE must be a multiple of 4 in 4..NX_MEM_SIZE");
_Static_assert(NX_CFG_QUEUE_CAP >= 1 && NX_CFG_QUEUE_CAP <= 65535, "NX_CFG_QUEUE_CAP must be 1..65535");
_Static_assert(NX_CFG_STACK_DEPTH >= 1 && NX_CFG_STACK_DEPTH <= 65535, "NX_CFG_STACK_DEPTH must be 1..65535");

#endif /* NEXUS_VM_CONFIG_H */
