/* driver.c — replays files through the fuzz target without libFuzzer, so the
 * seed corpus (and any crash file a fuzzing run found) runs as a plain test:
 * fuzz_driver FILE... */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int ran = 0;
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        if (!fp) {
            fprintf(stderr, "fuzz_driver: %s: cannot open; check the path\n", argv[i]);
            return 1;
        }
        size_t cap = 1 << 16, len = 0, n;
        uint8_t *buf = malloc(cap);
        while (buf && (n = fread(buf + len, 1, cap - len, fp)) > 0) {
            len += n;
            if (len == cap) {
                if (cap >= ((size_t)64 << 20))
                    break; /* inputs are small; a cap keeps a stray big file harmless */
                uint8_t *nb = realloc(buf, cap * 2);
                if (!nb) {
                    free(buf);
                    buf = NULL;
                    break;
                }
                buf = nb;
                cap *= 2;
            }
        }
        fclose(fp);
        if (!buf) {
            fprintf(stderr, "fuzz_driver: %s: out of memory\n", argv[i]);
            return 1;
        }
        LLVMFuzzerTestOneInput(buf, len);
        free(buf);
        ran++;
    }
    printf("fuzz_driver: %d inputs ran without a fault\n", ran);
    return 0;
}
