/* fuzz_money.c: money_parse on arbitrary text never crashes, and whatever it accepts
 * is in range and survives money_format -> money_parse unchanged (both forms). */
#include "money.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    int64_t cents = 0;
    const char *reason = NULL;
    if (money_parse(text, &cents, &reason) == 0) {
        if (cents > MONEY_MAX_CENTS || cents < -MONEY_MAX_CENTS) abort();
        static const unsigned flags[] = {0, MONEY_EURO, MONEY_WHOLE, MONEY_EURO | MONEY_WHOLE};
        for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
            char buf[MONEY_BUFSZ];
            int64_t back = 0;
            const char *why = NULL;
            money_format(cents, flags[i], buf);
            if (money_parse(buf, &back, &why) != 0 || back != cents) abort();
        }
        char plain[MONEY_BUFSZ];
        int64_t back = 0;
        money_format_plain(cents, plain);
        if (money_parse(plain, &back, &reason) != 0 || back != cents) abort();
    } else if (!reason || !reason[0]) {
        abort(); /* a refusal always says why */
    }
    free(text);
    return 0;
}
