//! `simdmath run --expr`: the tutorial's experiment on an expression of x; a bad expression is
//! one line on stderr naming the token and its position, exit code 2.

use std::process::{Command, Output};

fn simdmath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_simdmath"))
        .args(args)
        .output()
        .expect("spawn simdmath")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn assert_usage_error(args: &[&str], needle: &str) {
    let mut full = vec!["run"];
    full.extend_from_slice(args);
    let o = simdmath(&full);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{args:?}: exit code; stderr: {err}"
    );
    assert_eq!(
        err.lines().count(),
        1,
        "{args:?}: one line expected, got: {err}"
    );
    assert!(
        err.starts_with("simdmath: error: --expr"),
        "{args:?}: {err}"
    );
    assert!(err.contains(needle), "{args:?}: '{needle}' not in: {err}");
    assert!(o.stdout.is_empty(), "{args:?}: nothing on stdout expected");
}

#[test]
fn bad_expressions_are_one_line_with_exit_2() {
    assert_usage_error(&["--expr", "exp(-0.5*x*"], "unexpected end of expression");
    assert_usage_error(&["--expr", "exp(-0.5*x*"], "(at position 11)");
    assert_usage_error(&["--expr", "expp(x)"], "unknown function 'expp' (valid: ");
    assert_usage_error(
        &["--expr", "x $ 2"],
        "unexpected character '$' (at position 2)",
    );
    assert_usage_error(&["--expr", "sincos(x)"], "sincos has two outputs");
    assert_usage_error(&["--expr", "hypot(x)"], "hypot() takes 2 arguments");
    assert_usage_error(&["--expr", "x * y"], "'y' (at position 4) has no values");
    assert_usage_error(&["--expr", "exp(x)", "--func", "log"], "exclude");
    assert_usage_error(&["--expr", "exp(x)", "--fused"], "drop --fused");
    assert_usage_error(&["--expr", "exp(x)", "--in-place"], "drop --in-place");
}

#[test]
fn an_expression_end_to_end() {
    for (dtype, max_ulp) in [("f64", 1), ("f32", 1)] {
        let o = simdmath(&[
            "run",
            "--expr",
            "exp(-0.5*x*x)",
            "--n",
            "300000",
            "--dtype",
            dtype,
            "--modes",
            "sequential,physical",
        ]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            out.contains(&format!("exp(-0.5*x*x) on n = 300000 {dtype}")),
            "{out}"
        );
        assert!(out.contains("out of place"), "{out}");
        assert!(out.contains("outputs identical across modes: yes"), "{out}");
        let line = out
            .lines()
            .find(|l| l.starts_with("accuracy: max "))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(
            line.contains("from the expression in f64 with the system libm's functions"),
            "{line}"
        );
        let ulp: u64 = line["accuracy: max ".len()..]
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        // x in [0, 1): -0.5*x*x is exact in f64, so the f64 check is exp's own bound; in f32
        // the two roundings of -0.5*x*x move exp's argument by under an f32 ulp of a number
        // below 0.5, which moves exp's value by less than one of its ulps.
        assert!(ulp <= max_ulp + u64::from(dtype == "f32"), "{line}");
    }
    let o = simdmath(&[
        "run",
        "--expr",
        "where(x < 0.5, sin(x), 1/(1+exp(-x)))",
        "--n",
        "5e4",
        "--json",
        "--modes",
        "sequential",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("{\"func\":\"where(x < 0.5, sin(x), 1/(1+exp(-x)))\",\"expr\":true,"),
        "{out}"
    );
}

#[test]
fn help_names_the_option() {
    let o = simdmath(&["run", "--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("--expr EXPR"), "{out}");
}
