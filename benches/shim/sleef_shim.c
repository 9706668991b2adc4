/* SLEEF peers for `cargo bench --features sleef` (benches/peers.rs): SLEEF 3.5's explicit-ISA
 * vector functions looped over arrays, as ../shared/peers/c/sleef_bench.c calls them. build.rs
 * compiles this file twice: -DSM_IS512=1 -mavx512f -mavx2 -mfma (the AVX-512 loops, table
 * sm_sleef_peers_avx512) and -DSM_IS512=0 -mavx2 -mfma (the AVX2 loops, sm_sleef_peers_avx2),
 * so the AVX2 loops contain no AVX-512 instruction and run on an AVX2-only CPU. Linked with
 * -lsleef. The tail (n not a multiple of the vector width) goes through a padded vector.
 *
 * Table (SLEEF_TABLE): X(f, tier) per one-input row, X2(f, tier) per two-input row
 * (y[i] = f(a[i], b[i])). Tiers as Debian's libsleef has them: no u35 exp, expm1, log10, log1p,
 * asinh, acosh, atanh, pow; sinpi, cospi and hypot have u05 instead of u10; atan2 takes (y, x) as
 * in C. Only the rows of registered functions are used (benches/peers.rs). */
#include <immintrin.h>
#include <sleef.h>
#include <string.h>
#include "peers.h"

#if SM_IS512
#define W64 8
#define W32 16
#define LD64 _mm512_loadu_pd
#define ST64 _mm512_storeu_pd
#define LD32 _mm512_loadu_ps
#define ST32 _mm512_storeu_ps
#define S64(F, U) Sleef_##F##d8_##U##avx512f
#define S32(F, U) Sleef_##F##f16_##U##avx512f
#define ROW(F, U) #F, "sleef-" #U "-avx512", "Sleef_" #F "d8_" #U "avx512f", 1
#define ENTRY sm_sleef_peers_avx512
#else
#define W64 4
#define W32 8
#define LD64 _mm256_loadu_pd
#define ST64 _mm256_storeu_pd
#define LD32 _mm256_loadu_ps
#define ST32 _mm256_storeu_ps
#define S64(F, U) Sleef_##F##d4_##U##avx2
#define S32(F, U) Sleef_##F##f8_##U##avx2
#define ROW(F, U) #F, "sleef-" #U "-avx2", "Sleef_" #F "d4_" #U "avx2", 0
#define ENTRY sm_sleef_peers_avx2
#endif

/* y[i] = SLEEF(x[i]); the tail through a zero-padded vector. */
#define LOOP(T, W, LD, ST, SLEEF)                                                                         \
    size_t i = 0;                                                                                         \
    for (; i + W <= n; i += W) ST(y + i, SLEEF(LD(x + i)));                                              \
    if (i < n) {                                                                                          \
        T b[W] = {0};                                                                                     \
        memcpy(b, x + i, (n - i) * sizeof *b);                                                            \
        ST(b, SLEEF(LD(b)));                                                                              \
        memcpy(y + i, b, (n - i) * sizeof *b);                                                            \
    }
/* y[i] = SLEEF(a[i], b[i]); the tail through zero-padded vectors. */
#define LOOP2(T, W, LD, ST, SLEEF)                                                                        \
    size_t i = 0;                                                                                         \
    for (; i + W <= n; i += W) ST(y + i, SLEEF(LD(a + i), LD(b + i)));                                   \
    if (i < n) {                                                                                          \
        T pa[W] = {0}, pb[W] = {0};                                                                       \
        memcpy(pa, a + i, (n - i) * sizeof *pa);                                                          \
        memcpy(pb, b + i, (n - i) * sizeof *pb);                                                          \
        ST(pa, SLEEF(LD(pa), LD(pb)));                                                                    \
        memcpy(y + i, pa, (n - i) * sizeof *pa);                                                          \
    }

/* The loops and the table row of a one-input (X) and a two-input (X2) function. */
#define LOOPS(F, U)                                                                                       \
    static void F##_##U##_f64(const double *x, double *y, size_t n) {                                    \
        LOOP(double, W64, LD64, ST64, S64(F, U))                                                          \
    }                                                                                                     \
    static void F##_##U##_f32(const float *x, float *y, size_t n) {                                      \
        LOOP(float, W32, LD32, ST32, S32(F, U))                                                           \
    }
#define LOOPS2(F, U)                                                                                      \
    static void F##_##U##_f64(const double *a, const double *b, double *y, size_t n) {                   \
        LOOP2(double, W64, LD64, ST64, S64(F, U))                                                         \
    }                                                                                                     \
    static void F##_##U##_f32(const float *a, const float *b, float *y, size_t n) {                      \
        LOOP2(float, W32, LD32, ST32, S32(F, U))                                                          \
    }
#define ROWS(F, U) {ROW(F, U), .f64 = F##_##U##_f64, .f32 = F##_##U##_f32},
#define ROWS2(F, U) {ROW(F, U), .f64_2 = F##_##U##_f64, .f32_2 = F##_##U##_f32},

/* The function list, once: X(function, tier) per one-input row, X2 per two-input row. */
#define SLEEF_TABLE(X, X2)                                                                                 \
    X(exp, u10)                                                                                           \
    X(log, u10) X(log, u35)                                                                               \
    X(sin, u10) X(sin, u35)                                                                               \
    X(cos, u10) X(cos, u35)                                                                               \
    X(exp2, u10) X(exp2, u35)                                                                             \
    X(exp10, u10) X(exp10, u35)                                                                           \
    X(expm1, u10)                                                                                         \
    X(log2, u10) X(log2, u35)                                                                             \
    X(log10, u10)                                                                                         \
    X(log1p, u10)                                                                                         \
    X(sinh, u10) X(sinh, u35)                                                                             \
    X(cosh, u10) X(cosh, u35)                                                                             \
    X(tanh, u10) X(tanh, u35)                                                                             \
    X(asinh, u10)                                                                                         \
    X(acosh, u10)                                                                                         \
    X(atanh, u10)                                                                                         \
    X(cbrt, u10) X(cbrt, u35)                                                                             \
    X(tan, u10) X(tan, u35)                                                                               \
    X(asin, u10) X(asin, u35)                                                                             \
    X(acos, u10) X(acos, u35)                                                                             \
    X(atan, u10) X(atan, u35)                                                                             \
    X(sinpi, u05)                                                                                         \
    X(cospi, u05)                                                                                         \
    X2(pow, u10)                                                                                          \
    X2(atan2, u10) X2(atan2, u35)                                                                         \
    X2(hypot, u05) X2(hypot, u35)

SLEEF_TABLE(LOOPS, LOOPS2)

static const struct sm_peer TABLE[] = {SLEEF_TABLE(ROWS, ROWS2)};

const struct sm_peer *ENTRY(size_t *len) {
    *len = sizeof TABLE / sizeof TABLE[0];
    return TABLE;
}
