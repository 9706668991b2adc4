/* SLEEF peers for `cargo bench --features sleef` (benches/peers.rs): SLEEF 3.5's explicit-ISA
 * vector functions looped over arrays, as ../shared/peers/c/sleef_bench.c calls them. build.rs
 * compiles this file twice: -DSM_IS512=1 -mavx512f -mavx2 -mfma (the AVX-512 loops, table
 * sm_sleef_peers_avx512) and -DSM_IS512=0 -mavx2 -mfma (the AVX2 loops, sm_sleef_peers_avx2),
 * so the AVX2 loops contain no AVX-512 instruction and run on an AVX2-only CPU. Linked with
 * -lsleef. The tail (n not a multiple of the vector width) goes through a padded vector.
 *
 * Table: SLEEF_U10_U35(f) for functions with both tiers, SLEEF_U10(f) for u10 only (Debian's
 * libsleef has no u35 exp, expm1, log10, log1p, asinh, acosh, atanh), SLEEF_U05(f) for sinpi and
 * cospi (u05 only). Only the rows of registered functions are used (benches/peers.rs). */
#include <immintrin.h>
#include <sleef.h>
#include <string.h>
#include "peers.h"

#if SM_IS512
#define LOOPS(F, U)                                                                                       \
    static void F##_##U##_f64(const double *x, double *y, size_t n) {                                    \
        LOOP(double, 8, _mm512_loadu_pd, _mm512_storeu_pd, Sleef_##F##d8_##U##avx512f)                    \
    }                                                                                                     \
    static void F##_##U##_f32(const float *x, float *y, size_t n) {                                      \
        LOOP(float, 16, _mm512_loadu_ps, _mm512_storeu_ps, Sleef_##F##f16_##U##avx512f)                   \
    }
#define ROWS(F, U) {#F, "sleef-" #U "-avx512", "Sleef_" #F "d8_" #U "avx512f", 1, F##_##U##_f64, F##_##U##_f32},
#define ENTRY sm_sleef_peers_avx512
#else
#define LOOPS(F, U)                                                                                       \
    static void F##_##U##_f64(const double *x, double *y, size_t n) {                                    \
        LOOP(double, 4, _mm256_loadu_pd, _mm256_storeu_pd, Sleef_##F##d4_##U##avx2)                       \
    }                                                                                                     \
    static void F##_##U##_f32(const float *x, float *y, size_t n) {                                      \
        LOOP(float, 8, _mm256_loadu_ps, _mm256_storeu_ps, Sleef_##F##f8_##U##avx2)                        \
    }
#define ROWS(F, U) {#F, "sleef-" #U "-avx2", "Sleef_" #F "d4_" #U "avx2", 0, F##_##U##_f64, F##_##U##_f32},
#define ENTRY sm_sleef_peers_avx2
#endif

#define LOOP(T, W, LD, ST, SLEEF)                                                                         \
    size_t i = 0;                                                                                         \
    for (; i + W <= n; i += W) ST(y + i, SLEEF(LD(x + i)));                                              \
    if (i < n) {                                                                                          \
        T b[W] = {0};                                                                                     \
        memcpy(b, x + i, (n - i) * sizeof *b);                                                            \
        ST(b, SLEEF(LD(b)));                                                                              \
        memcpy(y + i, b, (n - i) * sizeof *b);                                                            \
    }

/* The function list, once: X(function, tier) per row. */
#define SLEEF_TABLE(X)                                                                                    \
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
    X(cospi, u05)

SLEEF_TABLE(LOOPS)

static const struct sm_peer TABLE[] = {SLEEF_TABLE(ROWS)};

const struct sm_peer *ENTRY(size_t *len) {
    *len = sizeof TABLE / sizeof TABLE[0];
    return TABLE;
}
