/* The peer table both shims export to benches/peers.rs: one row per (function, peer), with an
 * array kernel per type (NULL where the library has none): y[i] = f(x[i]) for a one-input
 * function (f64, f32), y[i] = f(a[i], b[i]) for a two-input one (f64_2, f32_2; atan2's `a` is
 * y, as in C). The Rust side finds a registry function's peers by name, so a new function is
 * one table line here. */
#ifndef SM_PEERS_H
#define SM_PEERS_H
#include <stddef.h>

typedef void (*sm_kernel_f64)(const double *x, double *y, size_t n);
typedef void (*sm_kernel_f32)(const float *x, float *y, size_t n);
typedef void (*sm_kernel2_f64)(const double *a, const double *b, double *y, size_t n);
typedef void (*sm_kernel2_f32)(const float *a, const float *b, float *y, size_t n);

struct sm_peer {
    const char *func;   /* registry name: "exp" */
    const char *peer;   /* criterion id prefix: "sleef-u10-avx512" */
    const char *sym64;  /* the library symbol the f64 loop calls, for the report */
    int avx512;         /* needs AVX-512F (checked at run time by the caller) */
    sm_kernel_f64 f64;  /* one-input rows */
    sm_kernel_f32 f32;
    sm_kernel2_f64 f64_2; /* two-input rows */
    sm_kernel2_f32 f32_2;
};
#endif
