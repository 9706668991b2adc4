"""The reduction shared by the native f32 logarithms' tables (kernels/gen/f32_log2_table.py,
LOGF_INVC, and kernels/gen/f32_atanh_table.py, which reads the same table): x = 2^e m with m in
[0.75, 1.5), j = the top three mantissa bits of m (8 subintervals: width 1/8 above 1, 1/16
below), 1/c with 5 significant bits per subinterval (1.0 for the two next to 1, where r = m - 1
is in [-1/16, 1/8)), r = m INVC - 1 exact: elsewhere |r| <= 2^24 times the last bit of m INVC
(checked here), |r| <= 1/16. Imported by those scripts (gen.sh runs them from this folder); the
helpers round and print singles.
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
    if j < 4:
        return mpmath.mpf(8 + j) / 8, mpmath.mpf(9 + j) / 8
    return mpmath.mpf(8 + j) / 16, mpmath.mpf(9 + j) / 16


def last_bit(v):
    """The weight of the last set bit of the dyadic rational v > 0."""
    w = mpmath.mpf(1)
    while v / w != mpmath.floor(v / w):
        w /= 2
    while v / (2 * w) == mpmath.floor(v / (2 * w)):
        w *= 2
    return w


def logf_invc():
    """LOGF_INVC (as exact values) and the range of r over all subintervals."""
    invc = []
    rmin, rmax = mpmath.mpf(0), mpmath.mpf(0)
    for j in range(8):
        lo, hi = interval(j)
        ulp_m = mpmath.mpf(2) ** (-23 if j < 4 else -24)
        if j in (0, 7):
            v = mpmath.mpf(1)
        else:
            den = 32 if j < 4 else 16
            best = None
            for n in range(16, 32):
                c = mpmath.mpf(n) / den
                err = max(abs(lo * c - 1), abs(hi * c - 1))
                # r = m c - 1 exact: its bits from |r| down to the last bit of m c fit in 24.
                if err > 2**24 * ulp_m * last_bit(c):
                    continue
                if best is None or err < best[0]:
                    best = (err, c)
            v = best[1]
            assert best[0] <= mpmath.mpf(1) / 16
        invc.append(v)
        rmin = min(rmin, lo * v - 1)
        rmax = max(rmax, hi * v - 1)
    assert rmin == -mpmath.mpf(1) / 16 and rmax == mpmath.mpf(1) / 8
    return invc, rmin, rmax


def arr(name, doc, vals):
    """A table of singles as Rust (to stdout): `vals` rounded to single, by their bits."""
    o = sys.stdout
    o.write(f"/// {doc}\npub(crate) const {name}: [f32; {len(vals)}] = [\n")
    for v in vals:
        v = sg(v)
        o.write(f"    f32::from_bits(0x{f2b(v) >> 16:04x}_{f2b(v) & 0xffff:04x}), // {v!r}\n")
    o.write("];\n")
