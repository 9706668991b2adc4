// The AVX2 table lookups of kernels/src/backend/avx2.rs against the gathers they replaced, and
// the throughput of the instructions they are made of, on the CPU it runs on (issue 18: "AVX2
// lookups that are fast on AVX2 CPUs ... chosen by measurement"; a gather's cost differs by a
// factor of several between Intel and AMD cores). Each figure is one instruction (or one whole
// lookup of a 4- or 8-lane vector) per ns, from 8 independent chains, best of 3 rounds: larger
// is faster.
//
//     gcc -O2 -mavx2 -mfma scripts/avx2_lookups.c -o target/avx2_lookups && target/avx2_lookups
//
// The index of every lookup changes each iteration (an empty asm marks it modified), so no load
// is hoisted out of the loop; each lookup's result is added into its chain.
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static float tf[16] __attribute__((aligned(64)));
static double td[16] __attribute__((aligned(64)));

#define ITERS 20000000L
#define K8(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7)
#define SINK(v) __asm__ volatile("" : "+x"(v));
#define SINKR(v) __asm__ volatile("" : "+r"(v));

// One 16-entry f64 lookup as kernels/src/backend/avx2.rs does it from 16 entries on: the index
// masked on the vector, moved to general registers, four scalar loads and two inserts.
static inline __m256d lookup16_loads(__m256i i) {
    __m256i m = _mm256_and_si256(i, _mm256_set1_epi64x(15));
    __m128i lo = _mm256_castsi256_si128(m), hi = _mm256_extracti128_si256(m, 1);
    __m128d a = _mm_load_sd(td + _mm_cvtsi128_si64(lo));
    a = _mm_loadh_pd(a, td + _mm_extract_epi64(lo, 1));
    __m128d b = _mm_load_sd(td + _mm_cvtsi128_si64(hi));
    b = _mm_loadh_pd(b, td + _mm_extract_epi64(hi, 1));
    return _mm256_set_m128d(b, a);
}

// The permute tree it replaced: four `vpermps` of 4-entry chunks, three `vblendvpd`.
static inline __m256d lookup16_permutes(__m256i i) {
    __m256i lo2 = _mm256_shuffle_epi32(i, 0xa0);
    __m256i pair = _mm256_or_si256(_mm256_add_epi32(lo2, lo2), _mm256_set_epi32(1, 0, 1, 0, 1, 0, 1, 0));
#define PERM(k) _mm256_castps_pd(_mm256_permutevar8x32_ps(_mm256_castpd_ps(_mm256_load_pd(td + 4 * k)), pair))
    __m256d b2 = _mm256_castsi256_pd(_mm256_slli_epi64(i, 61));
    __m256d b3 = _mm256_castsi256_pd(_mm256_slli_epi64(i, 60));
    __m256d c01 = _mm256_blendv_pd(PERM(0), PERM(1), b2);
    __m256d c23 = _mm256_blendv_pd(PERM(2), PERM(3), b2);
    return _mm256_blendv_pd(c01, c23, b3);
}

// The 16-entry f32 lookup of avx2.rs: two `vpermps` and a masked XOR.
static inline __m256 lookup16_xor(__m256i i, __m256 t0, __m256i x, __m256i eight) {
    __m256 lo = _mm256_permutevar8x32_ps(t0, i);
    __m256i d = _mm256_permutevar8x32_epi32(x, i);
    __m256i sel = _mm256_cmpeq_epi32(_mm256_and_si256(i, eight), eight);
    return _mm256_xor_ps(lo, _mm256_castsi256_ps(_mm256_and_si256(d, sel)));
}

int main(void) {
    for (int i = 0; i < 16; i++) {
        tf[i] = (float)i;
        td[i] = i;
    }
    double best[8] = {0};
    const char *name[8] = {"vfmadd231pd ymm", "vpermps ymm", "vblendvpd ymm",
                           "vgatherdps ymm (8 f32 of 16)", "16-entry f32: vpermps x2 + and/xor (avx2.rs)",
                           "vgatherqpd ymm (4 f64 of 16)", "16-entry f64: 4 scalar loads (avx2.rs)",
                           "16-entry f64: 4 vpermps + 3 vblendvpd"};
    for (int round = 0; round < 3; round++) {
        double r[8] = {0};
#define DA(k) __m256 a##k = _mm256_set1_ps(k);
#define DB(k) __m256d b##k = _mm256_set1_pd(k);
        K8(DA) K8(DB)
        __m256d one = _mm256_set1_pd(1.0);
        __m256d msk = _mm256_castsi256_pd(_mm256_set_epi64x(-1, 0, -1, 0));
        __m256i pidx = _mm256_set_epi32(1, 2, 3, 4, 5, 6, 7, 0);
        __m256i gi = _mm256_set_epi32(3, 7, 1, 15, 9, 2, 11, 12);
        __m256i qi = _mm256_set_epi64x(3, 7, 1, 14);
        __m256 tf0 = _mm256_load_ps(tf);
        uint32_t xb[8];
        for (int k = 0; k < 8; k++) {
            union { float f; uint32_t u; } p = {tf[k]}, q = {tf[k + 8]};
            xb[k] = p.u ^ q.u;
        }
        __m256i xt = _mm256_loadu_si256((const __m256i *)xb), eight = _mm256_set1_epi32(8);

#define F(k) b##k = _mm256_fmadd_pd(b##k, one, one); SINK(b##k)
#define P(k) a##k = _mm256_permutevar8x32_ps(a##k, pidx); SINK(a##k)
#define B(k) b##k = _mm256_blendv_pd(b##k, one, msk); SINK(b##k)
#define G(k) SINK(gi) a##k = _mm256_add_ps(a##k, _mm256_i32gather_ps(tf, gi, 4)); SINK(a##k)
#define X(k) SINK(gi) a##k = _mm256_add_ps(a##k, lookup16_xor(gi, tf0, xt, eight)); SINK(a##k)
#define GQ(k) SINK(qi) b##k = _mm256_add_pd(b##k, _mm256_i64gather_pd(td, qi, 8)); SINK(b##k)
#define L(k) SINK(qi) b##k = _mm256_add_pd(b##k, lookup16_loads(qi)); SINK(b##k)
#define T(k) SINK(qi) b##k = _mm256_add_pd(b##k, lookup16_permutes(qi)); SINK(b##k)
// Operations per ns of `iters` iterations of 8 copies of OP: the single instructions count 8
// per iteration; the lookups (a fraction of the iterations) 8 per iteration too.
#define TIMED(slot, iters, OP)                                                                     \
    do {                                                                                          \
        double t0 = now();                                                                        \
        for (long n = 0; n < (iters); n++) {                                                      \
            K8(OP)                                                                                \
        }                                                                                         \
        r[slot] = 8.0 * (iters) / (now() - t0) / 1e9;                                             \
    } while (0)
        TIMED(0, ITERS, F);
        TIMED(1, ITERS, P);
        TIMED(2, ITERS, B);
        TIMED(3, ITERS / 8, G);
        TIMED(4, ITERS / 8, X);
        TIMED(5, ITERS / 8, GQ);
        TIMED(6, ITERS / 8, L);
        TIMED(7, ITERS / 8, T);
        volatile double sink = a0[0] + b0[0] + a7[0] + b7[0];
        (void)sink;
        for (int k = 0; k < 8; k++)
            if (r[k] > best[k]) best[k] = r[k];
    }
    printf("%-46s %10s\n", "operation (8 independent chains)", "per ns");
    for (int k = 0; k < 8; k++) printf("%-46s %10.2f\n", name[k], best[k]);
    return 0;
}
