"""The reduction shared by the native f32 logarithms' tables (kernels/gen/f32_log2_table.py,
LOGF_INVC, and kernels/gen/f32_atanh_table.py, which reads the same table): x = 2^e m with m in
[0.75, 1.5), j = the top four mantissa bits of m, 1/c with 5 significant bits per subinterval
(1.0 next to 1), |r| < 1/16 for r = m INVC - 1. Imported by those scripts (gen.sh runs them
from this folder); the helpers round and print singles.
"""
import struct
import sys

import mpmath

mpmath.mp.prec = 200


def f2b(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def sg(x):
    """Nearest single (round to nearest even via double then single: fine, x is tame)."""
    return struct.unpack("<f", struct.pack("<f", float(x)))[0]


def rnd_mult(x, q):
    """x rounded to the nearest multiple of 2^-q."""
    return mpmath.nint(x * 2**q) / 2**q


def interval(j):
    if j < 8:
        return mpmath.mpf(16 + j) / 16, mpmath.mpf(17 + j) / 16
    return mpmath.mpf(16 + j) / 32, mpmath.mpf(17 + j) / 32


def logf_invc():
    """LOGF_INVC (as exact values) and the range of r over all subintervals."""
    invc = []
    rmin, rmax = mpmath.mpf(0), mpmath.mpf(0)
    for j in range(16):
        lo, hi = interval(j)
        if j in (0, 15):
            v = mpmath.mpf(1)
        else:
            den = 32 if j < 8 else 16
            best = None
            for n in range(16, 32):
                c = mpmath.mpf(n) / den
                err = max(abs(lo * c - 1), abs(hi * c - 1))
                if best is None or err < best[0]:
                    best = (err, c)
            v = best[1]
        invc.append(v)
        rmin = min(rmin, lo * v - 1)
        rmax = max(rmax, hi * v - 1)
    assert -rmin < mpmath.mpf(1) / 16 and rmax <= mpmath.mpf(1) / 16
    return invc, rmin, rmax


def arr(name, doc, vals):
    """A table of singles as Rust (to stdout): `vals` rounded to single, by their bits."""
    o = sys.stdout
    o.write(f"/// {doc}\npub(crate) const {name}: [f32; {len(vals)}] = [\n")
    for v in vals:
        v = sg(v)
        o.write(f"    f32::from_bits(0x{f2b(v) >> 16:04x}_{f2b(v) & 0xffff:04x}), // {v!r}\n")
    o.write("];\n")
