/* Minimal check macros shared by the host C unit tests: a failed check is
 * reported with file:line and the test's name, counted, and the test goes
 * on, so one run lists every failure. Tests set `current` to their name
 * and report `checks` and `failures` at the end. */
#ifndef NEXUS_TEST_CHECK_H
#define NEXUS_TEST_CHECK_H

#include <stdio.h>

static int failures, checks;
static const char *current = "";

#define CHECK(cond)                                                                              \
    do {                                                                                         \
        checks++;                                                                                \
        if (!(cond)) {                                                                           \
            failures++;                                                                          \
            fprintf(stderr, "%s:%d: %s: check failed: %s\n", __FILE__, __LINE__, current, #cond); \
        }                                                                                        \
    } while (0)

#define CHECK_EQ(a, b)                                                                           \
    do {                                                                                         \
        unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b);           \
        checks++;                                                                                \
        if (a_ != b_) {                                                                          \
            failures++;                                                                          \
            fprintf(stderr, "%s:%d: %s: %s == %llu (0x%llx), want %s == %llu (0x%llx)\n",       \
                    __FILE__, __LINE__, current, #a, a_, a_, #b, b_, b_);                        \
        }                                                                                        \
    } while (0)

#endif
