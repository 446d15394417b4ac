/*
 * fuzz_main.c - replays inputs through a fuzz target without libFuzzer, so the
 * targets always build and run under ctest (with the sanitizers in `make test`).
 * Each file given (directories: every regular file in them) is run as is, then
 * truncated at 16 points and with 64 seeded byte flips.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long runs;

static void run_variants(const uint8_t *data, size_t size) {
    uint8_t *copy = malloc(size + 1);
    if (!copy)
        return;
    LLVMFuzzerTestOneInput(data, size);
    for (int k = 1; k <= 16; k++) {
        LLVMFuzzerTestOneInput(data, size * (size_t)k / 17);
        runs++;
    }
    unsigned seed = 12345;
    for (int k = 0; k < 64 && size; k++) {
        memcpy(copy, data, size);
        for (int flips = 0; flips < 4; flips++) {
            seed = seed * 1103515245u + 12345u;
            copy[(seed >> 8) % size] = (uint8_t)(seed >> 16);
        }
        LLVMFuzzerTestOneInput(copy, size);
        runs++;
    }
    free(copy);
}

static void run_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 65536;
            uint8_t *p = realloc(buf, cap);
            if (!p)
                break;
            buf = p;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        if (n == 0)
            break;
        len += n;
    }
    fclose(f);
    run_variants(buf ? buf : (const uint8_t *)"", len);
    free(buf);
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *de;
            while (d && (de = readdir(d))) {
                if (de->d_name[0] == '.')
                    continue;
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", argv[i], de->d_name);
                run_file(path);
            }
            if (d)
                closedir(d);
        } else {
            run_file(argv[i]);
        }
    }
    // A few inputs no article has: empty, lone continuation bytes, huge numbers.
    static const char *const extra[] = {"", "\x80", "9999999999999999999999999 people",
                                        "1 000 000 000 000 000 000 killed", "- - -", "a dozen"};
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
        run_variants((const uint8_t *)extra[i], strlen(extra[i]));
    printf("fuzz replay: %lu runs, 0 crashes\n", runs);
    return 0;
}
