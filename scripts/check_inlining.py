#!/usr/bin/env python3
"""Checks that the kernels' entry loops contain no out-of-line call (DESIGN.md's inlining trap:
a kernel or lane operation left as a call inside a `#[target_feature]` loop ran 50-130x slower).

Disassembles a release build of the `simdmath` binary with `objdump` and reads every function
of `simdmath_kernels::backend::<isa>::` (the entry points and their loops, every registry
function, tier, streaming and checked twin, on every backend of this target; x86-64 only). The
calls allowed there are the C library's `memcpy`, `memmove` and `memset` (the partial vectors'
copies of fewer than one vector and their buffers' zeroing) and `cr::patch_lanes`, cold and out
of line by design (the correctly rounded tier's scalar look-up of the about 2^-25 of lanes its
rounding tests leave open). A call through the GOT or a register is resolved to its callee. Any
other call means something was not inlined: the script names the function and the callee and
exits 1.

    python3 scripts/check_inlining.py [path/to/simdmath]   # default: target/release/simdmath
"""
import re
import subprocess
import sys

PREFIX = "simdmath_kernels::backend::"
ALLOWED = ("memcpy", "memmove", "memset", "simdmath_kernels::cr::patch_lanes")


def objdump(*args: str) -> str:
    return subprocess.run(["objdump", *args], check=True, capture_output=True, text=True).stdout


def main() -> int:
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/simdmath"
    try:
        asm = objdump("-d", "--no-show-raw-insn", "-C", binary)
        relocs = objdump("-R", binary)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"check_inlining: cannot disassemble {binary}: {e}", file=sys.stderr)
        return 2
    # Functions by address, and what each GOT slot of a local function holds.
    symbols = {int(a, 16): n for a, n in re.findall(r"^([0-9a-f]+) <(.*)>:$", asm, re.M)}
    got = {int(a, 16): symbols.get(int(t, 16), f"0x{t}")
           for a, t in re.findall(r"^([0-9a-f]+) R_X86_64_RELATIVE\s+\*ABS\*\+0x([0-9a-f]+)", relocs, re.M)}

    def callee(comment: str) -> str:
        """The function a `# ADDR <name>` comment of a GOT load or call points at."""
        m = re.search(r"#\s*([0-9a-f]+) <([^>]*)>", comment)
        if not m:
            return comment
        return got.get(int(m.group(1), 16), m.group(2))

    funcs, bad = 0, []
    name, regs = None, {}
    for line in asm.splitlines():
        m = re.match(r"^[0-9a-f]+ <(.*)>:$", line.strip())
        if m:
            name = m.group(1) if m.group(1).startswith(PREFIX) else None
            regs = {}
            funcs += name is not None
            continue
        if name is None or "\t" not in line:
            continue
        ins = line.split("\t", 1)[1].strip()
        # A register loaded with a function's address from the GOT, called later.
        lm = re.match(r"mov\s+\S+\(%rip\),(%\w+)\s+(#.*)", ins)
        if lm:
            regs[lm.group(1)] = callee(lm.group(2))
            continue
        # ... or copied from a register that holds one (`mov %rax,%r15` before two calls).
        mm = re.match(r"mov\s+(%\w+),(%\w+)$", ins)
        if mm:
            if mm.group(1) in regs:
                regs[mm.group(2)] = regs[mm.group(1)]
            else:
                regs.pop(mm.group(2), None)
            continue
        if not ins.startswith("call"):
            continue
        target = ins.split(None, 1)[1].strip()
        reg = re.match(r"\*(%\w+)$", target)
        what = regs.get(reg.group(1), target) if reg else callee(target)
        if not any(what.startswith(a) for a in ALLOWED):
            bad.append(f"{name}: call {what}")
    if funcs == 0:
        print(f"check_inlining: no function of {PREFIX} in {binary} (not a simdmath build?)",
              file=sys.stderr)
        return 2
    if bad:
        print(f"check_inlining: {len(bad)} out-of-line call(s) in the entry loops:")
        for b in bad[:40]:
            print("  " + b)
        return 1
    print(f"check_inlining: {funcs} entry-loop functions of {binary}: no out-of-line call "
          f"(only {', '.join(ALLOWED)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
