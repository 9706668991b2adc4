/* glibc libmvec peer for `cargo bench --features sleef` (benches/peers.rs): the plain loop
 * y[i] = f(x[i]) compiled by build.rs with -O3 -ffast-math -fopenmp-simd -march=x86-64-v4
 * -mprefer-vector-width=512, so GCC calls _ZGVeN8v_exp, _ZGVeN16v_expf, ... (as
 * ../shared/peers/c/glibc_kern.c does). Linked with -lmvec -lm. */
#include <math.h>
#include <stddef.h>

#define DEF(F)                                                                  \
    void sm_mvec_##F##_f64(const double *restrict x, double *restrict y, size_t n) { \
        _Pragma("omp simd") for (size_t i = 0; i < n; i++) y[i] = F(x[i]);     \
    }                                                                           \
    void sm_mvec_##F##_f32(const float *restrict x, float *restrict y, size_t n) {   \
        _Pragma("omp simd") for (size_t i = 0; i < n; i++) y[i] = F##f(x[i]);  \
    }
DEF(exp)
DEF(log)
DEF(sin)
DEF(cos)
