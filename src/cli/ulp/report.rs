//! `simdmath ulp`'s report: the rows as an aligned table, one JSON object or a markdown
//! page (docs/ACCURACY.md), and the number formats they share.

use super::measure::Row;
use super::{Config, Set, Source};
use simdmath::ulp::{Float, HIST_LABELS};
use std::fmt::Write as _;

/// Hexadecimal floating point, as C's `%a` writes it (`0x1.8p+1`).
fn hexfloat<T: Float>(x: T) -> String {
    let b = x.bits();
    let sign = if b >> (T::BITS - 1) == 1 { "-" } else { "" };
    let ebits = T::BITS - 1 - T::MANT;
    let e = ((b >> T::MANT) & ((1 << ebits) - 1)) as i32;
    let m = b & ((1u64 << T::MANT) - 1);
    let emax = (1 << ebits) - 1;
    if e == emax {
        return if m == 0 {
            format!("{sign}inf")
        } else {
            "nan".into()
        };
    }
    if e == 0 && m == 0 {
        return format!("{sign}0x0p+0");
    }
    // Left-align the mantissa on a whole number of hex digits.
    let digits = T::MANT.div_ceil(4);
    let m = m << (digits * 4 - T::MANT);
    let mut hex = format!("{m:0width$x}", width = digits as usize);
    while hex.ends_with('0') {
        hex.pop();
    }
    let (lead, exp) = if e == 0 {
        (0, T::EMIN)
    } else {
        (1, e - (emax >> 1))
    };
    let frac = if hex.is_empty() {
        String::new()
    } else {
        format!(".{hex}")
    };
    format!("{sign}0x{lead}{frac}p{exp:+}")
}

pub(super) fn dec<T: Float>(x: T) -> String {
    format!("{x:?}")
}

pub(super) fn describe<T: Float>(x: T) -> [String; 2] {
    [dec(x), hexfloat(x)]
}

fn source_words(cfg: &Config) -> String {
    match &cfg.source {
        Source::Exhaustive => "exhaustive: all 2^32 f32 inputs".into(),
        Source::Range(lo, hi) => format!(
            "{} inputs uniform in [{lo}, {hi}], seed {}",
            cfg.samples, cfg.seed
        ),
        Source::Sets(sets) => {
            let mut w = Vec::new();
            for s in sets {
                w.push(match s {
                    Set::Random => format!(
                        "{} random bit patterns (every exponent and sign)",
                        cfg.samples
                    ),
                    Set::Hard => format!(
                        "{} from the hard regions (one input: + their fixed point sets)",
                        cfg.samples
                    ),
                    Set::Special => "the special values".to_string(),
                });
            }
            format!("{}; seed {}", w.join(" + "), cfg.seed)
        }
    }
}

fn real_str(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.3}")
    } else {
        "inf".into()
    }
}

pub(super) fn dist_str(d: u64) -> String {
    if d == u64::MAX {
        "NaN".into()
    } else {
        d.to_string()
    }
}

pub(super) fn print_table(cfg: &Config, rows: &[Row]) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "simdmath ulp: {} (reference: core-math, correctly rounded)",
        source_words(cfg)
    );
    let head = [
        "func", "type", "backend", "bound", "max ulp", "max dist", "mean ulp", "correct",
        "specials", "status",
    ];
    let cells: Vec<[String; 10]> = rows
        .iter()
        .map(|r| {
            [
                r.func.to_string(),
                r.dtype.to_string(),
                r.backend.clone(),
                r.bound.map_or("-".into(), |b| b.to_string()),
                real_str(r.max_real),
                dist_str(r.max_dist),
                format!("{:.4}", r.mean),
                format!("{:.3}%", 100.0 * r.correct),
                format!(
                    "{}/{}",
                    r.special_total - r.special_mismatches.len(),
                    r.special_total
                ),
                r.status().to_string(),
            ]
        })
        .collect();
    let mut w = head.map(str::len);
    for c in &cells {
        for (k, s) in c.iter().enumerate() {
            w[k] = w[k].max(s.len());
        }
    }
    let line = |o: &mut String, c: &[&str]| {
        let parts: Vec<String> = c
            .iter()
            .enumerate()
            .map(|(k, s)| {
                if k < 3 || k == 9 {
                    format!("{s:<0$}", w[k])
                } else {
                    format!("{s:>0$}", w[k])
                }
            })
            .collect();
        let _ = writeln!(o, "{}", parts.join("  ").trim_end());
    };
    line(&mut o, &head);
    for c in &cells {
        line(&mut o, &c.iter().map(String::as_str).collect::<Vec<_>>());
    }
    let _ = writeln!(
        o,
        "\nhistogram: inputs per integer distance to the correctly rounded result"
    );
    let mut hw = HIST_LABELS.map(str::len);
    for r in rows {
        for (k, h) in r.hist.iter().enumerate() {
            hw[k] = hw[k].max(h.to_string().len());
        }
    }
    let lab = |r: &Row| format!("{} {} {}", r.func, r.dtype, r.backend);
    let lw = rows.iter().map(|r| lab(r).len()).max().unwrap_or(0);
    let hl: Vec<String> = HIST_LABELS
        .iter()
        .enumerate()
        .map(|(k, l)| format!("{l:>0$}", hw[k]))
        .collect();
    let _ = writeln!(o, "{:lw$}  {}", "", hl.join("  "));
    for r in rows {
        let h: Vec<String> = r
            .hist
            .iter()
            .enumerate()
            .map(|(k, v)| format!("{v:>0$}", hw[k]))
            .collect();
        let _ = writeln!(o, "{:lw$}  {}", lab(r), h.join("  "));
    }
    let _ = writeln!(
        o,
        "\nworst input (largest distance, then largest real error): x, result, correctly rounded"
    );
    for r in rows {
        if let Some(wst) = &r.worst {
            let _ = writeln!(
                o,
                "{:lw$}  x = {} ({})  got {} ({})  want {} ({})",
                lab(r),
                wst[0],
                wst[1],
                wst[2],
                wst[3],
                wst[4],
                wst[5]
            );
        }
    }
    let bad: Vec<&Row> = rows
        .iter()
        .filter(|r| !r.special_mismatches.is_empty())
        .collect();
    if !bad.is_empty() {
        let _ = writeln!(
            o,
            "\nspecial-value mismatches (result vs libm, bit for bit):"
        );
        for r in bad {
            for m in &r.special_mismatches {
                let _ = writeln!(o, "{:lw$}  {m}", lab(r));
            }
        }
    }
    let _ = writeln!(
        o,
        "\nmax ulp: |y - f(x)| / ulp(f(x)); f32: f(x) from core-math in f64 (exact to ~1e-9 ulp); f64: f(x) in \
         double-double (exact to ~2^-40 ulp), except sin/cos/tan beyond 2^30 and a few edges (subnormal inputs, \
         atan2 quotients below 2^-899) where the correctly rounded value stands in: those inputs count in max dist but not in max ulp and mean ulp (--json: approximate). max dist: representable \
         values between y and the correctly rounded result; bound: the registry's stated max dist."
    );
    o
}

/// `s` as a JSON string literal (quotes, backslashes and control characters escaped); also
/// `run --json`'s.
pub(crate) fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn json_num(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        "null".into()
    }
}

pub(super) fn print_json(cfg: &Config, rows: &[Row], ok: bool) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "{{\"command\":{},\"inputs\":{},\"seed\":{},\"reference\":\"core-math\",\"ok\":{ok},\"results\":[",
        json_str(&cfg.invocation),
        json_str(&source_words(cfg)),
        cfg.seed
    );
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        let hist: Vec<String> = HIST_LABELS
            .iter()
            .zip(r.hist)
            .map(|(l, v)| format!("{}:{v}", json_str(l)))
            .collect();
        let worst = match &r.worst {
            None => "null".to_string(),
            Some(w) => format!(
                "{{\"x\":{},\"x_hex\":{},\"got\":{},\"got_hex\":{},\"want\":{},\"want_hex\":{}}}",
                json_str(&w[0]),
                json_str(&w[1]),
                json_str(&w[2]),
                json_str(&w[3]),
                json_str(&w[4]),
                json_str(&w[5])
            ),
        };
        let sm: Vec<String> = r.special_mismatches.iter().map(|s| json_str(s)).collect();
        let _ = write!(
            o,
            "{{\"func\":\"{}\",\"dtype\":\"{}\",\"backend\":\"{}\",\"bound\":{},\"n\":{},\"max_ulp\":{},\
             \"max_dist\":{},\"mean_ulp\":{},\"correctly_rounded\":{},\"histogram\":{{{}}},\"worst\":{worst},\
             \"approximate\":{},\"specials\":{},\"special_mismatches\":[{}],\"within_bound\":{}}}",
            r.func,
            r.dtype,
            r.backend,
            r.bound.map_or("null".into(), |b| b.to_string()),
            r.n,
            json_num(r.max_real),
            if r.max_dist == u64::MAX {
                "null".into()
            } else {
                r.max_dist.to_string()
            },
            json_num(r.mean),
            json_num(r.correct),
            hist.join(","),
            r.approximate,
            r.special_total,
            sm.join(","),
            r.ok()
        );
    }
    o.push_str("]}\n");
    o
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string())
}

pub(super) fn print_markdown(cfg: &Config, rows: &[Row], header: bool) -> String {
    let mut o = String::new();
    if header {
        let _ = writeln!(o, "# Accuracy\n");
        let _ = writeln!(
            o,
            "<!-- Generated by `{}`; do not edit by hand: rerun it (`cargo run --release -- ulp ... > docs/ACCURACY.md`). -->\n",
            cfg.invocation
        );
        let _ = writeln!(
            o,
            "Generated by `{}` (simdmath {}, {}, instruction sets: {}). Exit status 0: every backend within \
             the registry's bound and every special value bit for bit as libm.\n",
            cfg.invocation,
            env!("CARGO_PKG_VERSION"),
            cpu_model(),
            cfg.isas
                .iter()
                .map(|i| i.name())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(
            o,
            "Reference: [core-math](https://core-math.gitlabpages.inria.fr/) (correctly rounded). `libm` is the \
             system libm (glibc through `std`) on the same inputs, shown for comparison, not checked.\n\n\
             * **max dist**: the largest number of representable values between a result and the correctly \
             rounded result (0 = correctly rounded); this is what the registry's **bound** states and what \
             the command checks.\n\
             * **max ulp**: the largest real-valued error `|y - f(x)| / ulp(f(x))`. For `f32` the exact \
             `f(x)` is core-math's `f64` result (its own error is below 2^-29 ulp of `f32`). For `f64`, \
             `f(x)` is evaluated in double-double (~106 bits; `simdmath::ulp`, checked against core-math), \
             exact to about 2^-40 ulp, except sin/cos/tan beyond |x| = 2^30 and a few edges (subnormal \
             inputs, `atan2` quotients below 2^-899), where the correctly rounded value stands in: those inputs count in max dist but not in max ulp and mean ulp (the JSON output \
             counts them as `approximate`).\n\
             * **mean ulp**, **correct** (share correctly rounded), the **histogram** of distances \
             (0 / 1 / 2 / 3-4 / 5-16 / >16 / NaN mismatch), and the **worst** input (decimal and C `%a` hex).\n\
             * **specials**: ±0, ±∞, NaN and the inputs with special results (exp overflow / underflow, log \
             of negatives and of 1), compared with libm bit for bit.\n\
             * Input sets: see `simdmath ulp --help`. Exhaustive `f32` results (all 2^32 inputs) are added \
             with `simdmath ulp --exhaustive --markdown-section >> docs/ACCURACY.md`.\n"
        );
    }
    let _ = writeln!(o, "## {}\n", source_words(cfg));
    let _ = writeln!(o, "Command: `{}`\n", cfg.invocation);
    let _ = writeln!(
        o,
        "| function | type | backend | bound | max dist | max ulp | mean ulp | correct | histogram {} | worst x | result | correctly rounded | specials |",
        HIST_LABELS.join(" / ")
    );
    let _ = writeln!(o, "|---|---|---|--:|--:|--:|--:|--:|---|---|---|---|---|");
    for r in rows {
        let h: Vec<String> = r.hist.iter().map(u64::to_string).collect();
        let (x, y, w) = match &r.worst {
            Some(w) => (
                format!("{} (`{}`)", w[0], w[1]),
                format!("{} (`{}`)", w[2], w[3]),
                format!("{} (`{}`)", w[4], w[5]),
            ),
            None => ("-".into(), "-".into(), "-".into()),
        };
        let be = if r.bound.is_none() {
            format!("*{}*", r.backend)
        } else {
            r.backend.clone()
        };
        let _ = writeln!(
            o,
            "| {} | {} | {be} | {} | {} | {} | {:.4} | {:.3}% | {} | {x} | {y} | {w} | {}/{} |",
            r.func,
            r.dtype,
            r.bound.map_or("-".into(), |b| b.to_string()),
            dist_str(r.max_dist),
            real_str(r.max_real),
            r.mean,
            100.0 * r.correct,
            h.join(" / "),
            r.special_total - r.special_mismatches.len(),
            r.special_total
        );
    }
    let sm: Vec<String> = rows
        .iter()
        .flat_map(|r| {
            r.special_mismatches
                .iter()
                .map(move |m| format!("* {} {} {}: {m}", r.func, r.dtype, r.backend))
        })
        .collect();
    if !sm.is_empty() {
        let _ = writeln!(o, "\nSpecial-value mismatches:\n\n{}", sm.join("\n"));
    }
    o.push('\n');
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hexfloats() {
        assert_eq!(hexfloat(1.0f64), "0x1p+0");
        assert_eq!(hexfloat(-3.0f64), "-0x1.8p+1");
        assert_eq!(hexfloat(0.1f32), "0x1.99999ap-4");
        assert_eq!(hexfloat(f64::from_bits(1)), "0x0.0000000000001p-1022");
        assert_eq!(hexfloat(f32::from_bits(1)), "0x0.000002p-126");
        assert_eq!(hexfloat(f32::NEG_INFINITY), "-inf");
        assert_eq!(hexfloat(-0.0f64), "-0x0p+0");
    }
}
