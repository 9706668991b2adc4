#!/bin/sh
# Which library symbols each shim loop calls (run after `cargo bench --features sleef --no-run`):
# the libmvec loops must call _ZGVeN8v_exp / _ZGVeN16v_expf ... (avx512: main loop; the
# _ZGVdN* and scalar calls are GCC's epilogue for the remainder) and _ZGVdN4v_exp /
# _ZGVdN8v_expf ... (avx2); the AVX2 SLEEF loops must contain no zmm register.
set -e
cd "$(dirname "$0")/../.."
for lib in $(ls -t target/release/build/simdmath-*/out/lib*shim_avx*.a 2>/dev/null | head -4); do
    echo "== $lib"
    objdump -dr --no-show-raw-insn "$lib" | awk '
        /^[0-9a-f]+ <.*>:$/ { fn = $2 }
        /R_X86_64_PLT32/    { s = $NF; sub(/-0x4$/, "", s); calls[fn] = calls[fn] " " s }
        /zmm/               { zmm[fn] = 1 }
        END { for (f in calls) printf "%-28s calls%s%s\n", f, calls[f], (f in zmm) ? "  (zmm)" : "" }' | sort
done
