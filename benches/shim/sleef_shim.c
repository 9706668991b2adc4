/* Peers for `cargo bench --features sleef` (benches/peers.rs): SLEEF's explicit-ISA vector
 * functions looped over arrays, the same way ../shared/peers/c/sleef_bench.c calls them.
 * Compiled by build.rs with -O3 -mavx512f -mavx2 -mfma; linked with -lsleef.
 * The tail (n not a multiple of the vector width) goes through a padded vector. */
#include <immintrin.h>
#include <sleef.h>
#include <stddef.h>
#include <string.h>

#define LOOP512D(NAME, SLEEF)                                                   \
    void NAME(const double *x, double *y, size_t n) {                          \
        size_t i = 0;                                                           \
        for (; i + 8 <= n; i += 8)                                              \
            _mm512_storeu_pd(y + i, SLEEF(_mm512_loadu_pd(x + i)));             \
        if (i < n) {                                                            \
            double b[8] = {0}; memcpy(b, x + i, (n - i) * sizeof *b);           \
            _mm512_storeu_pd(b, SLEEF(_mm512_loadu_pd(b)));                     \
            memcpy(y + i, b, (n - i) * sizeof *b);                              \
        }                                                                       \
    }
#define LOOP512F(NAME, SLEEF)                                                   \
    void NAME(const float *x, float *y, size_t n) {                            \
        size_t i = 0;                                                           \
        for (; i + 16 <= n; i += 16)                                            \
            _mm512_storeu_ps(y + i, SLEEF(_mm512_loadu_ps(x + i)));             \
        if (i < n) {                                                            \
            float b[16] = {0}; memcpy(b, x + i, (n - i) * sizeof *b);           \
            _mm512_storeu_ps(b, SLEEF(_mm512_loadu_ps(b)));                     \
            memcpy(y + i, b, (n - i) * sizeof *b);                              \
        }                                                                       \
    }
#define LOOP256D(NAME, SLEEF)                                                   \
    void NAME(const double *x, double *y, size_t n) {                          \
        size_t i = 0;                                                           \
        for (; i + 4 <= n; i += 4)                                              \
            _mm256_storeu_pd(y + i, SLEEF(_mm256_loadu_pd(x + i)));             \
        if (i < n) {                                                            \
            double b[4] = {0}; memcpy(b, x + i, (n - i) * sizeof *b);           \
            _mm256_storeu_pd(b, SLEEF(_mm256_loadu_pd(b)));                     \
            memcpy(y + i, b, (n - i) * sizeof *b);                              \
        }                                                                       \
    }
#define LOOP256F(NAME, SLEEF)                                                   \
    void NAME(const float *x, float *y, size_t n) {                            \
        size_t i = 0;                                                           \
        for (; i + 8 <= n; i += 8)                                              \
            _mm256_storeu_ps(y + i, SLEEF(_mm256_loadu_ps(x + i)));             \
        if (i < n) {                                                            \
            float b[8] = {0}; memcpy(b, x + i, (n - i) * sizeof *b);            \
            _mm256_storeu_ps(b, SLEEF(_mm256_loadu_ps(b)));                     \
            memcpy(y + i, b, (n - i) * sizeof *b);                              \
        }                                                                       \
    }

#define ALL(F)                                                                  \
    LOOP512D(sm_sleef_##F##_f64_avx512, Sleef_##F##d8_u10avx512f)               \
    LOOP512F(sm_sleef_##F##_f32_avx512, Sleef_##F##f16_u10avx512f)              \
    LOOP256D(sm_sleef_##F##_f64_avx2, Sleef_##F##d4_u10avx2)                    \
    LOOP256F(sm_sleef_##F##_f32_avx2, Sleef_##F##f8_u10avx2)

ALL(exp)
ALL(log)
ALL(sin)
ALL(cos)
