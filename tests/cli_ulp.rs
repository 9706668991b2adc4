//! `simdmath ulp` from the outside: argument errors are one line with exit code 2; a small run
//! exits 0 and prints a table; --json is one object.

#[path = "common/spawn.rs"]
mod spawn;

fn ulp(args: &[&str]) -> (i32, String, String) {
    let out = spawn::simdmath()
        .arg("ulp")
        .args(args)
        .output()
        .expect("run simdmath");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn argument_errors_are_one_line_and_exit_2() {
    for (args, what) in [
        (&["--func", "tanx"][..], "unknown function 'tanx'"),
        (&["--dtype", "f16"][..], "unknown type 'f16'"),
        (&["--isa", "sse9"][..], "unknown instruction set 'sse9'"),
        (&["--samples", "ten"][..], "is not a count"),
        (&["--samples", "0"][..], "--samples 0"),
        (&["--range", "3..1"][..], "--range '3..1'"),
        (
            &["--range", "1..2", "--exhaustive"][..],
            "exclude each other",
        ),
        (
            &["--exhaustive", "--dtype", "f64"][..],
            "--exhaustive covers",
        ),
        (&["--seed", "-4"][..], "--seed '-4'"),
        (&["--inputs", "easy"][..], "unknown input set 'easy'"),
        (&["--json", "--markdown"][..], "choose one of"),
        (&["--bogus"][..], "unknown option '--bogus'"),
        (&["--accuracy", "best"][..], "unknown accuracy 'best'"),
        (
            &["--accuracy", "cr", "--dtype", "f64"][..],
            "no correctly rounded f64 kernel",
        ),
        (
            &["--accuracy", "cr", "--func", "pow,hypot"][..],
            "none of these functions has a correctly rounded tier",
        ),
        (&["--samples"][..], "needs a value"),
    ] {
        let (code, out, err) = ulp(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: stdout {out}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("simdmath: error: ") && err.contains(what),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn small_run_exits_0_with_a_table() {
    let (code, out, err) = ulp(&[
        "--func",
        "exp,log",
        "--samples",
        "2000",
        "--isa",
        "portable",
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(
        out.contains("max dist") && out.contains("histogram") && out.contains("worst input"),
        "{out}"
    );
    for (f, t, b) in [
        ("exp", "f64", "portable"),
        ("log", "f32", "portable"),
        ("log", "f32", "libm"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.split_whitespace().take(3).eq([f, t, b])),
            "{f} {t} {b}: {out}"
        );
    }
}

#[test]
fn every_backend_on_a_range_as_json() {
    let (code, out, err) = ulp(&[
        "--func",
        "sin",
        "--dtype",
        "f32",
        "--range",
        "-10..10",
        "--samples",
        "1e4",
        "--json",
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(out.lines().count(), 1);
    assert!(out.starts_with('{') && out.trim_end().ends_with('}'));
    assert!(
        out.contains("\"ok\":true") && out.contains("\"backend\":\"libm\""),
        "{out}"
    );
    for isa in simdmath::Isa::available() {
        assert!(
            out.contains(&format!("\"backend\":\"{}\"", isa.name())),
            "{isa}: {out}"
        );
    }
}

#[test]
fn help_exits_0() {
    let (code, out, _) = ulp(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--exhaustive"));
}

/// `--accuracy cr` checks the correctly rounded tier against bound 0 (f32 by default) and
/// skips functions without the tier with a note.
#[test]
fn correctly_rounded_tier() {
    let (code, out, err) = ulp(&[
        "--accuracy",
        "cr",
        "--func",
        "exp,cospi,pow",
        "--samples",
        "20000",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("pow has no correctly rounded tier; skipped"),
        "{err}"
    );
    let rows: Vec<&str> = out.lines().filter(|l| l.contains(" cr ")).collect();
    assert!(rows.len() >= 2, "{out}");
    // f32 only: no row of type f64.
    assert!(
        !out.lines()
            .any(|l| l.split_whitespace().nth(1) == Some("f64")),
        "{out}"
    );
}
