//! `simdmath functions`: the registry as a table (name, inputs and outputs, stated bounds,
//! domain, special values), aligned for a terminal or as Markdown (README's function table is
//! this output).

use super::{CliError, bail};
use simdmath::{Arity, Func};

const HELP: &str = "\
simdmath functions: every registered function with its shape, its stated error bound (max
distance in ulps to the correctly rounded result, f64 / f32 / the correctly rounded f32
tier, on every backend; - where the function has no such tier), domain and special values

usage: simdmath functions [--markdown]
";

/// `(name, shape, bounds, domain, specials)` of every registered function.
fn rows() -> Vec<[String; 5]> {
    Func::ALL
        .iter()
        .map(|&f| {
            let i = f.info();
            let shape = match f.arity() {
                Arity::Unary => format!("{f}(x)"),
                // atan2 takes y first, as C and numpy do.
                Arity::Binary if f.name() == "atan2" => format!("{f}(y, x)"),
                Arity::Binary => format!("{f}(x, y)"),
                Arity::UnaryPair => format!("{f}(x) -> (sin, cos)"),
                _ => format!("{f}"),
            };
            [
                f.name().to_string(),
                shape,
                format!(
                    "{} / {} / {}",
                    i.max_ulp_f64,
                    i.max_ulp_f32,
                    i.max_ulp_f32_cr.map_or("-".to_string(), |b| b.to_string())
                ),
                i.domain.to_string(),
                i.specials.to_string(),
            ]
        })
        .collect()
}

/// The Markdown table README.md carries (one row per registered function).
pub fn markdown() -> String {
    let mut s = String::from(
        "| function | call | max ulp f64 / f32 / f32 cr | domain | special values |\n|---|---|---|---|---|\n",
    );
    for r in rows() {
        s += &format!(
            "| `{}` | `{}` | {} | {} | {} |\n",
            r[0], r[1], r[2], r[3], r[4]
        );
    }
    s
}

/// Runs `simdmath functions`; returns the exit code.
pub fn main(argv: &[String]) -> Result<i32, CliError> {
    let mut md = false;
    for a in argv {
        match a.as_str() {
            "--help" | "-h" => {
                print!("{HELP}");
                return Ok(0);
            }
            "--markdown" => md = true,
            other => bail!("unknown option '{other}' for functions (valid: --markdown)"),
        }
    }
    if md {
        print!("{}", markdown());
        return Ok(0);
    }
    let rows = rows();
    let w0 = rows.iter().map(|r| r[0].len()).max().unwrap_or(4).max(8);
    let w1 = rows.iter().map(|r| r[1].len()).max().unwrap_or(4).max(4);
    println!(
        "{:w0$}  {:w1$}  {:14}  domain",
        "function", "call", "ulp f64/f32/cr"
    );
    for r in rows {
        println!("{:w0$}  {:w1$}  {:14}  {}", r[0], r[1], r[2], r[3]);
    }
    Ok(0)
}
