#!/usr/bin/env python3
"""Checks the magic-constant reciprocals of the kernels (`Scalar::RECIP_HALF_MAGIC` in
kernels/src/lanes.rs, used through `common::recip_half_approx`): `from_bits(MAGIC - bits(h))` is
1/(2h) within 5.06 % relative for every positive normal `h` (the map is the same in every
binade, so one binade decides):

  f32 0x7e731200         (hypot f32's correction, asin/acos f32's square-root correction):
                         every one of the 2^23 significands;
  f64 0x7fce623800000000 (asin/acos f64's square-root correction): 2^23 significands spread
                         evenly over the binade plus their neighbours one ulp up (the error
                         is piecewise smooth in the significand, with its extremes near the
                         ends of the pieces, so the sample finds them to about 1e-7).

numpy only; exits 1 if a bound fails. Run by gen.sh."""
import sys

import numpy as np

BOUND = 0.0506


def check(name, magic, m, uint):
    g = (uint(magic) - m.view(uint)).view(m.dtype).astype(np.float64)
    e = g * 2.0 * m.astype(np.float64) - 1.0
    worst = float(np.abs(e).max())
    ok = worst <= BOUND
    print(f"{name}: max |g 2h - 1| = {worst:.6f} ({'ok' if ok else 'ABOVE'} {BOUND})")
    return ok


m32 = (np.arange(1 << 23, dtype=np.uint32) | np.uint32(0x3F80_0000)).view(np.float32)
b64 = (np.arange(1 << 23, dtype=np.uint64) << np.uint64(29)) | np.uint64(0x3FF0_0000_0000_0000)
m64 = np.concatenate([b64, b64 + np.uint64(1)]).view(np.float64)
ok = check("f32 0x7e731200", 0x7E73_1200, m32, np.uint32)
ok &= check("f64 0x7fce623800000000", 0x7FCE_6238_0000_0000, m64, np.uint64)
sys.exit(0 if ok else 1)
