/* SPDX-License-Identifier: MIT */
/*
 * duration: Go's duration syntax ("1m30s"), which Go ccheck's
 * configuration and flags use.
 */
#ifndef CK_DURATION_H
#define CK_DURATION_H

#include <stddef.h>
#include <stdint.h>

/*
 * Go's time.ParseDuration on s[0..len): "300ms", "1.5h", "2h45m", "0";
 * units ns, us (also spelt with U+00B5 or U+03BC), ms, s, m, h; no
 * sign but '+' (a negative timeout means nothing here).  Returns 0
 * with *ms, rounded up to whole milliseconds, or -1 (also above
 * UINT32_MAX ms, 49 days).
 */
int duration_parse(const char *s, size_t len, uint32_t *ms);

#endif
