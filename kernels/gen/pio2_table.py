#!/usr/bin/env python3
"""Generate kernels/src/pio2_table.rs: bits of 2/pi and the Cody-Waite split
constants (pi/2 and ln2) used by the simdmath kernels.

Run via kernels/gen/gen.sh (writes the Rust file to stdout).  Pure python,
integer arithmetic only: pi by Machin's formula, ln2 by the atanh series.
Every derived constant is checked against the known fdlibm / published
values, and the whole computation is redone with more guard bits to make sure
no truncation or rounding decision is affected by the working precision.
If mpmath happens to be installed it is used as an extra cross-check only;
the output never depends on it.
"""
import struct
import sys

DATA_WORDS = 24            # 64-bit words of 2/pi after the binary point (1536 bits)
BITS = 64 * DATA_WORDS


# --------------------------------------------------------------- big numbers

def atan_inv(n, scale):
    """floor-ish(atan(1/n) * 2^scale); error < number of terms + 1 units."""
    one = 1 << scale
    x = one // n
    n2 = n * n
    total, k, sign = x, 1, 1
    while x:
        x //= n2
        k += 2
        sign = -sign
        total += sign * (x // k)
    return total


def atanh_inv(n, scale):
    """atanh(1/n) * 2^scale, all terms positive; error < terms + 1 units."""
    one = 1 << scale
    x = one // n
    n2 = n * n
    total, k = x, 1
    while x:
        x //= n2
        k += 2
        total += x // k
    return total


def pi_fixed(scale):
    """pi * 2^scale, |error| < 2^-(guard-16) relative to 2^scale units."""
    g = 64
    s = scale + g
    v = 4 * (4 * atan_inv(5, s) - atan_inv(239, s))
    return v >> g


def ln2_fixed(scale):
    """ln2 * 2^scale = 2*atanh(1/3) * 2^scale."""
    g = 64
    s = scale + g
    return (2 * atanh_inv(3, s)) >> g


# --------------------------------------------------------------- float tools
# A value is an integer v meaning v / 2^S for a fixed, large S.

def trunc_sig(v, nbits):
    """Truncate positive v to its nbits leading significant bits."""
    sh = v.bit_length() - nbits
    return (v >> sh) << sh


def round_sig(v, nbits, slack):
    """Round positive v to nbits significant bits, nearest-even.  v is only
    known to within +-slack units; refuse if that could change the result."""
    sh = v.bit_length() - nbits
    q, r = v >> sh, v & ((1 << sh) - 1)
    half = 1 << (sh - 1)
    assert abs(r - half) > slack, "rounding too close to a tie"
    if r > half:
        q += 1
    return q << sh


def sig_bits(v):
    """Number of significant bits of positive integer v."""
    return v.bit_length() - ((v & -v).bit_length() - 1)


def to_bits(v, S, fmt):
    """IEEE bits of the (normal, exactly representable) number v / 2^S."""
    p, bias, ebits = {"f64": (53, 1023, 11), "f32": (24, 127, 8)}[fmt]
    assert v > 0 and sig_bits(v) <= p, "not representable"
    L = v.bit_length()
    e = L - 1 - S
    assert 0 < e + bias < (1 << ebits) - 1, "not a normal number"
    m = v >> (L - p) if L >= p else v << (p - L)
    return ((e + bias) << (p - 1)) | (m - (1 << (p - 1)))


def from_bits(bits, S, fmt):
    """Exact integer v with v / 2^S equal to the float with these bits."""
    p, bias, ebits = {"f64": (53, 1023, 11), "f32": (24, 127, 8)}[fmt]
    e = ((bits >> (p - 1)) & ((1 << ebits) - 1)) - bias
    m = (bits & ((1 << (p - 1)) - 1)) | (1 << (p - 1))
    sh = S + e - (p - 1)
    assert sh >= 0
    return m << sh


def fval(bits, fmt):
    if fmt == "f64":
        return repr(struct.unpack("<d", struct.pack("<Q", bits))[0])
    val = struct.unpack("<f", struct.pack("<I", bits))[0]
    for digits in range(1, 10):
        txt = f"{val:.{digits}g}"
        if struct.unpack("<I", struct.pack("<f", float(txt)))[0] == bits:
            return txt
    raise AssertionError


# --------------------------------------------------------------- derivation

def derive(S):
    """Everything, computed with 2^-S fixed point.  Returns a dict."""
    slack = 1 << 20                       # generous bound on |error| in units
    pi = pi_fixed(S)
    ln2 = ln2_fixed(S)
    out = {}

    # 2/pi: BITS bits after the binary point.
    t = (2 << (S + BITS)) // pi           # ~ 2/pi * 2^BITS, off by << 1
    out["two_over_pi"] = t
    # pi/2 * 2^126
    out["pio2_u128"] = pi >> (S - 125)

    # fdlibm rem_pio2 split: three 33-bit truncated pieces + rounded tail.
    pio2 = pi >> 1
    rem, pieces = pio2, []
    for _ in range(3):
        c = trunc_sig(rem, 33)
        pieces.append(c)
        rem -= c
    pieces.append(round_sig(rem, 53, slack))
    out["pio2_f64"] = [to_bits(c, S, "f64") for c in pieces]

    # Split for the f32 kernels' reduction in f64 lanes without FMA: three 25-bit truncated
    # pieces + rounded tail (j*W exact for |j| < 2^28).
    rem, pieces = pio2, []
    for _ in range(3):
        c = trunc_sig(rem, 25)
        pieces.append(c)
        rem -= c
    pieces.append(round_sig(rem, 53, slack))
    out["pio2_w"] = [to_bits(c, S, "f64") for c in pieces]

    # pi/2 as three pieces each rounded to nearest (for the FMA reduction, where x - k*P1 is
    # exact by an FMA and k*P2 is split exactly by another).
    for name, bits in (("pio2_f64_rn", 53),):
        rem, pieces = pio2, []
        for _ in range(3):
            c = round_sig(abs(rem), bits, slack) * (1 if rem > 0 else -1)
            pieces.append(c)
            rem -= c
        sign = 1 << (63 if bits == 53 else 31)
        out[name] = [to_bits(abs(c), S, name[5:8]) | (sign if c < 0 else 0) for c in pieces]

    # ln2 splits for exp.
    hi = trunc_sig(ln2, 32)
    out["ln2_f64"] = [to_bits(hi, S, "f64"), to_bits(round_sig(ln2 - hi, 53, slack), S, "f64")]
    hi = trunc_sig(ln2, 42)
    out["ln2_pow"] = [to_bits(hi, S, "f64"), to_bits(round_sig(ln2 - hi, 53, slack), S, "f64")]
    hi = trunc_sig(ln2, 16)
    out["ln2_f32"] = [to_bits(hi, S, "f32"), to_bits(round_sig(ln2 - hi, 24, slack), S, "f32")]

    # fdlibm log / logf ln2 constants: report what they are.
    hi = from_bits(0x3FE62E42FEE00000, S, "f64")
    lo = from_bits(0x3DEA39EF35793C76, S, "f64")
    out["log_f64_facts"] = (
        hi == trunc_sig(ln2, 32),
        to_bits(round_sig(ln2 - hi, 53, slack), S, "f64") == 0x3DEA39EF35793C76,
    )
    hi = from_bits(0x3F317180, S, "f32")
    lo = from_bits(0x3717F7D1, S, "f32")
    rem = ln2 - hi
    out["log_f32_facts"] = (
        sig_bits(hi),
        hi == trunc_sig(ln2, sig_bits(hi)),
        to_bits(round_sig(rem, 24, slack), S, "f32"),
        # (true remainder - lo) in units of lo's ulp, times 1000, rounded
        round((rem - lo) * 1000 / (1 << (lo.bit_length() - 24))),
        # truncation of ln2 to a multiple of 2^-17, minus hi, in units of 2^-17
        (ln2 >> (S - 17)) - (hi >> (S - 17)),
    )
    return out


def main():
    S = BITS + 256
    d = derive(S)
    d2 = derive(S + 192)
    # The floor of 2/pi*2^BITS and all splits must not depend on the precision.
    for k in d:
        assert d[k] == d2[k], f"precision-dependent result: {k}"

    t = d["two_over_pi"]
    assert t.bit_length() == BITS  # 2/pi = 0.101... so bit 1 is set
    words = [0] + [(t >> (64 * (DATA_WORDS - 1 - i))) & (2**64 - 1) for i in range(DATA_WORDS)]
    # Published: 2/pi = 0x0.A2F9836E4E441529FC2757D1F534DDC0DB6295993C439041FE5163...
    assert words[1] == 0xA2F9836E4E441529 and words[2] == 0xFC2757D1F534DDC0
    u128 = d["pio2_u128"]
    assert u128 >> 64 == 0x6487ED5110B4611A  # pi/2 = 0x1.921FB54442D18469898CC51701B839A2...

    # fdlibm e_rem_pio2.c constants: pio2_1, pio2_2, pio2_3, pio2_3t.
    assert d["pio2_f64"] == [0x3FF921FB54400000, 0x3DD0B4611A600000,
                             0x3BA3198A2E000000, 0x397B839A252049C1], d["pio2_f64"]
    # fdlibm e_exp.c ln2HI / ln2LO.
    assert d["ln2_f64"] == [0x3FE62E42FEE00000, 0x3DEA39EF35793C76]
    log64_hi_trunc, log64_lo_round = d["log_f64_facts"]
    assert log64_hi_trunc and log64_lo_round
    f32_sig, f32_is_trunc, f32_lo_round, f32_lo_off, f32_hi_units = d["log_f32_facts"]

    try:  # optional cross-check
        import mpmath
        mpmath.mp.prec = BITS + 200
        assert int(mpmath.floor(2 / mpmath.pi * mpmath.mpf(2) ** BITS)) == t
        assert int(mpmath.floor(mpmath.pi / 2 * mpmath.mpf(2) ** 126)) == u128
        print("pio2_table.py: mpmath cross-check passed", file=sys.stderr)
    except ImportError:
        pass

    w = []
    w.append("// @generated by kernels/gen/gen.sh from kernels/gen/pio2_table.py -- DO NOT EDIT.")
    w.append("//")
    w.append("// Bits of 2/pi and pi/2, and Cody-Waite splits of pi/2 and ln2, computed")
    w.append("// with exact integer arithmetic (pi by Machin's formula, ln2 = 2*atanh(1/3)).")
    w.append("")
    w.append(f"// Bits of 2/pi after the binary point, 64 per word, most significant first,")
    w.append(f"// {BITS} bits in all.  Index 0 is a leading ZERO word (pad); the bits start at")
    w.append(f"// index 1: TWO_OVER_PI[1] = floor(2/pi * 2^64), and TWO_OVER_PI[i] holds bits")
    w.append(f"// 64*(i-1)+1 ..= 64*i of 2/pi (bit 1 = weight 2^-1).")
    w.append(f"pub(crate) const TWO_OVER_PI: [u64; {len(words)}] = [")
    for x in words:
        w.append(f"    {hexlit(x, 16)},")
    w.append("];")
    w.append("")
    w.append("// floor(pi/2 * 2^126).")
    w.append(f"pub(crate) const PIO2_U128: u128 = {hexlit(u128, 32)};")
    w.append("")

    def consts(names, bitlist, fmt, comments):
        width = 16 if fmt == "f64" else 8
        for n, b, c in zip(names, bitlist, comments):
            w.append(f"// {c}: {fval(b, fmt)}")
            w.append(f"pub(crate) const {n}: {fmt} = {fmt}::from_bits({hexlit(b, width)});")

    w.append("// pi/2 = C1 + C2 + C3 + C3T for f64 Cody-Waite reduction; identical to fdlibm")
    w.append("// e_rem_pio2.c pio2_1, pio2_2, pio2_3, pio2_3t (verified by the generator).")
    consts(["PIO2_F64_C1", "PIO2_F64_C2", "PIO2_F64_C3", "PIO2_F64_C3T"], d["pio2_f64"], "f64",
           ["pi/2 truncated to 33 significant bits (fdlibm pio2_1)",
            "next 33 significant bits (pi/2 - C1 truncated; fdlibm pio2_2)",
            "next 33 significant bits (pi/2 - C1 - C2 truncated; fdlibm pio2_3)",
            "pi/2 - C1 - C2 - C3 rounded to nearest double (fdlibm pio2_3t)"])
    w.append("")
    w.append("// pi/2 = W1 + W2 + W3 + W4 for the f32 kernels' reduction in f64 lanes without FMA.")
    consts(["PIO2_W1", "PIO2_W2", "PIO2_W3", "PIO2_W4"], d["pio2_w"], "f64",
           ["pi/2 truncated to 25 significant bits",
            "pi/2 - W1 truncated to 25 significant bits",
            "pi/2 - W1 - W2 truncated to 25 significant bits",
            "pi/2 - W1 - W2 - W3 rounded to nearest double"])
    w.append("")
    w.append("// pi/2 = P1 + P2 + P3, each rounded to nearest, for the FMA reduction of sin/cos.")
    consts(["PIO2_F64_P1", "PIO2_F64_P2", "PIO2_F64_P3"], d["pio2_f64_rn"], "f64",
           ["pi/2 rounded to double", "pi/2 - P1 rounded", "pi/2 - P1 - P2 rounded"])
    w.append("")
    w.append("// ln2 = HI + LO for exp argument reduction.")
    consts(["LN2_F64_HI", "LN2_F64_LO"], d["ln2_f64"], "f64",
           ["ln2 truncated to 32 significant bits (= fdlibm e_exp.c ln2HI and e_log.c ln2_hi)",
            "ln2 - HI rounded to nearest double (= fdlibm e_exp.c ln2LO)"])
    consts(["LN2_POW_HI", "LN2_POW_LO"], d["ln2_pow"], "f64",
           ["ln2 truncated to 42 significant bits (k*HI + a multiple of 2^-43 is exact; pow's log)",
            "ln2 - HI rounded to nearest double"])
    consts(["LN2_F32_HI", "LN2_F32_LO"], d["ln2_f32"], "f32",
           ["ln2 truncated to 16 significant bits",
            "ln2 - HI rounded to nearest single"])
    sys.stdout.write("\n".join(w) + "\n")


def hexlit(v, digits):
    """Rust hex literal, zero-padded, '_' every 4 digits (clippy::unreadable_literal)."""
    h = f"{v:0{digits}x}"
    return "0x" + "_".join(h[i:i + 4] for i in range(0, len(h), 4))


if __name__ == "__main__":
    main()
