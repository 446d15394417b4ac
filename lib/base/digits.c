/*
 * digits.c - the significant digits of a double, rounded as printf rounds
 * them, computed exactly in integers: the reports and the fingerprints write
 * many reals, and printf was most of what writing them cost.
 */
#include <math.h>
#include <string.h>

#include "base/base.h"

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 fdp_u128;

/*
 * Exactly, in integers: a is M / 2^k (M its 53-bit mantissa, 1 <= k <= 52 for
 * a from 1 to 2^52), so its fraction r / 2^k times 10^(n - 1 - e)
 * is an integer q and a remainder below 2^k, which say how to round q: up past
 * half, to even at half, as printf rounds. A product of 106 bits at most.
 */
int fdp_exact_digits(double a, int n, char *d) {
    static const uint64_t tens[] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL,
                                    1000000ULL, 10000000ULL, 100000000ULL, 1000000000ULL,
                                    10000000000ULL, 100000000000ULL, 1000000000000ULL,
                                    10000000000000ULL, 100000000000000ULL,
                                    1000000000000000ULL, 10000000000000000ULL};
    if (!(a >= 1 && a < 1e15) || n < 1 || n > 17)
        return -1;
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    int k = 1075 - (int)(bits >> 52 & 0x7FF); // a = M * 2^-k
    uint64_t m = (bits & ((1ULL << 52) - 1)) | 1ULL << 52;
    if (k < 1 || k > 52)
        return -1;
    uint64_t whole = m >> k, r = m & ((1ULL << k) - 1);
    int e = 0;
    for (uint64_t w = whole; w >= 10; w /= 10)
        e++;
    int nfrac = n - 1 - e;
    if (nfrac < 1)
        return -1; // no digit after the point: a tie would round the whole part, printf's
    fdp_u128 p = (fdp_u128)r * tens[nfrac];
    uint64_t q = (uint64_t)(p >> k), rem = (uint64_t)p & ((1ULL << k) - 1);
    uint64_t half = 1ULL << (k - 1);
    if (rem > half || (rem == half && (q & 1)))
        q++;
    if (q == tens[nfrac])
        return -1; // rounded up into the whole part, maybe a digit longer: printf's
    for (int i = n - 1; i > e; i--, q /= 10)
        d[i] = (char)('0' + q % 10);
    for (int i = e; i >= 0; i--, whole /= 10)
        d[i] = (char)('0' + whole % 10);
    return e;
}
#else
int fdp_exact_digits(double a, int n, char *d) {
    (void)a;
    (void)n;
    (void)d;
    return -1;
}
#endif

size_t fdp_format_g(double v, int n, char *out) {
    char d[17];
    double a = fabs(v);
    int e = n >= 1 && n <= 17 ? fdp_exact_digits(a, n, d) : -1;
    if (e < 0 || e >= n) // (at n digits before the point, %g writes an exponent)
        return 0;
    int nd = n;
    while (nd > e + 1 && d[nd - 1] == '0')
        nd--;
    size_t len = 0;
    if (v < 0)
        out[len++] = '-';
    memcpy(out + len, d, (size_t)e + 1);
    len += (size_t)e + 1;
    if (nd > e + 1) {
        out[len++] = '.';
        memcpy(out + len, d + e + 1, (size_t)(nd - e - 1));
        len += (size_t)(nd - e - 1);
    }
    out[len] = '\0';
    return len;
}
