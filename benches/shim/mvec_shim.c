/* glibc libmvec peer for `cargo bench --features sleef` (benches/peers.rs): the plain loop
 * y[i] = f(x[i]) compiled by build.rs twice, as ../shared/peers/c/glibc_kern.c does:
 *   -DSM_WIDTH=avx512 -DSM_IS512=1 -O3 -ffast-math -fopenmp-simd -march=x86-64-v4 -mprefer-vector-width=512
 *       (GCC calls _ZGVeN8v_exp, _ZGVeN16v_expf, ..., _ZGVeN8vv_pow, ...)
 *   -DSM_WIDTH=avx2 -DSM_IS512=0 -O3 -ffast-math -fopenmp-simd -march=x86-64-v3
 *       (_ZGVdN4v_exp, _ZGVdN8v_expf, ..., _ZGVdN4vv_pow, ...)
 * `benches/shim/verify.sh` disassembles both and lists the vector symbol each loop calls.
 * Linked with -lmvec -lm. The table lists the functions glibc 2.36's libmvec vectorizes
 * (bits/math-vector.h, `nm -D libmvec.so`: pow since 2.22, atan2 and hypot since 2.35); only
 * the rows of registered functions are used. sinpi/cospi are not in glibc. */
#define _GNU_SOURCE /* exp10 */
#include <math.h>
#include "peers.h"

#define STR2(s) #s
#define STR(s) STR2(s)
#define CAT3(a, b, c) a##_##b##_##c
#define NAME(F, T, W) CAT3(F, T, W)
#define ENTRY(W) CAT3(sm_mvec, peers, W)

#define LOOPS(F)                                                                            \
    static void NAME(F, f64, SM_WIDTH)(const double *restrict x, double *restrict y, size_t n) { \
        _Pragma("omp simd") for (size_t i = 0; i < n; i++) y[i] = F(x[i]);                  \
    }                                                                                       \
    static void NAME(F, f32, SM_WIDTH)(const float *restrict x, float *restrict y, size_t n) {   \
        _Pragma("omp simd") for (size_t i = 0; i < n; i++) y[i] = F##f(x[i]);               \
    }
#define LOOPS2(F)                                                                                   \
    static void NAME(F, f64, SM_WIDTH)(const double *restrict a, const double *restrict b,             \
                                       double *restrict y, size_t n) {                                 \
        _Pragma("omp simd") for (size_t i = 0; i < n; i++) y[i] = F(a[i], b[i]);                      \
    }                                                                                               \
    static void NAME(F, f32, SM_WIDTH)(const float *restrict a, const float *restrict b,               \
                                       float *restrict y, size_t n) {                                  \
        _Pragma("omp simd") for (size_t i = 0; i < n; i++) y[i] = F##f(a[i], b[i]);                   \
    }
#define ROW(F, V) #F, "libmvec-" STR(SM_WIDTH), SYM(F, V), IS512
#define ROWS(F) {ROW(F, v), .f64 = NAME(F, f64, SM_WIDTH), .f32 = NAME(F, f32, SM_WIDTH)},
#define ROWS2(F) {ROW(F, vv), .f64_2 = NAME(F, f64, SM_WIDTH), .f32_2 = NAME(F, f32, SM_WIDTH)},

/* X(f) per one-input row, X2(f) per two-input row (atan2(y, x) as in C). */
#define MVEC_TABLE(X, X2)                                                                   \
    X(exp) X(log) X(sin) X(cos)                                                             \
    X(exp2) X(exp10) X(expm1) X(log2) X(log10) X(log1p)                                     \
    X(sinh) X(cosh) X(tanh) X(asinh) X(acosh) X(atanh)                                      \
    X(cbrt) X(tan) X(asin) X(acos) X(atan)                                                  \
    X2(pow) X2(atan2) X2(hypot)

#if SM_IS512
#define SYM(F, V) "_ZGVeN8" #V "_" #F
#define IS512 1
#else
#define SYM(F, V) "_ZGVdN4" #V "_" #F
#define IS512 0
#endif

MVEC_TABLE(LOOPS, LOOPS2)

static const struct sm_peer TABLE[] = {MVEC_TABLE(ROWS, ROWS2)};

const struct sm_peer *ENTRY(SM_WIDTH)(size_t *len) {
    *len = sizeof TABLE / sizeof TABLE[0];
    return TABLE;
}
