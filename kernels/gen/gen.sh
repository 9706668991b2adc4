#!/bin/sh
# Regenerate the derived constant tables of the simdmath kernels:
#   kernels/src/coeffs.rs      <- coeffs.sollya (Sollya fpminimax) + coeffs_to_rs.py
#   kernels/src/coeffs_exp_family.rs <- exp_family.sollya + coeffs_to_rs.py
#   kernels/src/coeffs_log_family.rs <- log_family.sollya + coeffs_to_rs.py
#   kernels/src/pio2_table.rs  <- pio2_table.py (pure python, integer arithmetic)
#   kernels/src/exp_table.rs   <- exp_table.py (pure python, integer arithmetic)
#   kernels/src/pow_log_table.rs <- pow_log_table.py (python + mpmath)
#   kernels/src/coeffs_inv_trig.rs <- inv_trig.sollya (Sollya fpminimax) + coeffs_to_rs.py
#   kernels/src/atan_table.rs  <- atan_table.py (python + mpmath)
#   kernels/src/coeffs_f32.rs  <- f32_native.sollya (Sollya fpminimax) + coeffs_to_rs.py
#   kernels/src/f32_tables.rs  <- f32_tables.py (python + mpmath)
#   kernels/src/coeffs_f32_hyp.rs <- f32_hyperbolic.sollya (Sollya fpminimax) + coeffs_to_rs.py
#   kernels/src/coeffs_f32_cbrt.rs <- f32_cbrt.sollya (Sollya fpminimax) + coeffs_to_rs.py
#   kernels/src/coeffs_f32_atan.rs <- f32_atan.sollya (Sollya fpminimax) + coeffs_to_rs.py
#   kernels/src/log_dd_table.rs <- log_dd_table.py (python + mpmath)
#   kernels/src/coeffs_log_dd.rs <- log_dd.sollya (Sollya fpminimax) + coeffs_to_rs.py
#   kernels/src/f32_atanh_table.rs <- f32_atanh_table.py (python + mpmath + sollya; it and
#     f32_log2_table.py import their shared 1/c reduction from f32_logf_invc.py)
#   kernels/src/coeffs_f32_trig.rs <- f32_trig.sollya (Sollya fpminimax) + coeffs_to_rs.py;
#     f32_trig_reduction.rs (rustc) then checks its reduction on every f32 below 2^20
# Needs sollya (8.0 was used), python3 and mpmath (pip install mpmath).  Output is deterministic: rerunning
# gives byte-identical files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

sollya "$here/coeffs.sollya" > "$tmp/coeffs.txt"
python3 "$here/coeffs_to_rs.py" < "$tmp/coeffs.txt" > "$tmp/coeffs.rs"
sollya "$here/exp_family.sollya" > "$tmp/exp_family.txt"
python3 "$here/coeffs_to_rs.py" exp_family.sollya "exp2/exp10/expm1/sinh/cosh/tanh" \
  < "$tmp/exp_family.txt" > "$tmp/coeffs_exp_family.rs"
sollya "$here/log_family.sollya" > "$tmp/log_family.txt"
python3 "$here/coeffs_to_rs.py" log_family.sollya "log2/log10/log1p/asinh/acosh/atanh/cbrt" \
    < "$tmp/log_family.txt" > "$tmp/coeffs_log_family.rs"
python3 "$here/pio2_table.py" > "$tmp/pio2_table.rs"
python3 "$here/exp_table.py" > "$tmp/exp_table.rs"
python3 "$here/pow_log_table.py" > "$tmp/pow_log_table.rs"
sollya "$here/inv_trig.sollya" > "$tmp/inv_trig.txt"
python3 "$here/coeffs_to_rs.py" inv_trig.sollya "atan/asin/acos" \
  < "$tmp/inv_trig.txt" > "$tmp/coeffs_inv_trig.rs"
python3 "$here/atan_table.py" > "$tmp/atan_table.rs"
sollya "$here/f32_native.sollya" > "$tmp/f32_native.txt"
python3 "$here/coeffs_to_rs.py" f32_native.sollya "f32 exp2/exp10/log2/log10/pow/asin/acos/sinpi/cospi" \
  < "$tmp/f32_native.txt" > "$tmp/coeffs_f32.rs"
python3 "$here/f32_tables.py" > "$tmp/f32_tables.rs"
sollya "$here/f32_hyperbolic.sollya" > "$tmp/f32_hyperbolic.txt"
python3 "$here/coeffs_to_rs.py" f32_hyperbolic.sollya "f32 sinh/cosh/tanh" \
  < "$tmp/f32_hyperbolic.txt" > "$tmp/coeffs_f32_hyp.rs"
sollya "$here/f32_cbrt.sollya" > "$tmp/f32_cbrt.txt"
python3 "$here/coeffs_to_rs.py" f32_cbrt.sollya "f32 cbrt" < "$tmp/f32_cbrt.txt" > "$tmp/coeffs_f32_cbrt.rs"
python3 "$here/f32_log2_table.py" > "$tmp/f32_log2_table.rs"
python3 "$here/f32_atanh_table.py" > "$tmp/f32_atanh_table.rs"
sollya "$here/f32_atan.sollya" > "$tmp/f32_atan.txt"
python3 "$here/coeffs_to_rs.py" f32_atan.sollya "f32 atan/atan2" < "$tmp/f32_atan.txt" > "$tmp/coeffs_f32_atan.rs"
python3 "$here/log_dd_table.py" > "$tmp/log_dd_table.rs"
sollya "$here/log_dd.sollya" > "$tmp/log_dd.txt"
python3 "$here/coeffs_to_rs.py" log_dd.sollya "f64 asinh/atanh" \
  < "$tmp/log_dd.txt" > "$tmp/coeffs_log_dd.rs"
sollya "$here/f32_trig.sollya" > "$tmp/f32_trig.txt"
python3 "$here/coeffs_to_rs.py" f32_trig.sollya "f32 sin/cos/sincos" < "$tmp/f32_trig.txt" > "$tmp/coeffs_f32_trig.rs"
rustc -O -C target-cpu=native "$here/f32_trig_reduction.rs" -o "$tmp/f32_trig_reduction"
"$tmp/f32_trig_reduction"
# The magic-constant reciprocals (Scalar::RECIP_HALF_MAGIC: hypot f32, asin/acos): a check, no output file.
python3 "$here/recip_magic.py"

mv "$tmp/coeffs.rs" "$src/coeffs.rs"
mv "$tmp/coeffs_exp_family.rs" "$src/coeffs_exp_family.rs"
mv "$tmp/coeffs_log_family.rs" "$src/coeffs_log_family.rs"
mv "$tmp/pio2_table.rs" "$src/pio2_table.rs"
mv "$tmp/exp_table.rs" "$src/exp_table.rs"
mv "$tmp/pow_log_table.rs" "$src/pow_log_table.rs"
mv "$tmp/coeffs_inv_trig.rs" "$src/coeffs_inv_trig.rs"
mv "$tmp/atan_table.rs" "$src/atan_table.rs"
mv "$tmp/coeffs_f32.rs" "$src/coeffs_f32.rs"
mv "$tmp/f32_tables.rs" "$src/f32_tables.rs"
mv "$tmp/coeffs_f32_hyp.rs" "$src/coeffs_f32_hyp.rs"
mv "$tmp/coeffs_f32_cbrt.rs" "$src/coeffs_f32_cbrt.rs"
mv "$tmp/f32_log2_table.rs" "$src/f32_log2_table.rs"
mv "$tmp/f32_atanh_table.rs" "$src/f32_atanh_table.rs"
mv "$tmp/coeffs_f32_atan.rs" "$src/coeffs_f32_atan.rs"
mv "$tmp/log_dd_table.rs" "$src/log_dd_table.rs"
mv "$tmp/coeffs_log_dd.rs" "$src/coeffs_log_dd.rs"
mv "$tmp/coeffs_f32_trig.rs" "$src/coeffs_f32_trig.rs"
echo "wrote the generated files under $src"
# The correctly rounded f32 tier's exceptions lists depend on the f64 kernels' exact bits:
# after a change of coefficients or tables, re-derive them (minutes; needs no sollya).
echo "if an f64 kernel changed: kernels/gen/cr_exceptions.sh re-derives kernels/src/cr_exceptions.rs"
