//! `simdmath run` end to end (and `run --expr`): bad input gives a one-line error and exit code 2; a small run
//! prints its table or JSON; under `taskset -c 0` only CPU 0 is used.

#[path = "common/spawn.rs"]
mod spawn;

use std::process::{Command, Output};

fn simdmath(args: &[&str]) -> Output {
    spawn::simdmath()
        .args(args)
        .output()
        .expect("spawn simdmath")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Stderr without the one-time notes a system without CPU affinity or sysfs prints.
fn stderr_sans_notes(o: &Output) -> String {
    let e = stderr(o);
    e.lines()
        .filter(|l| !l.starts_with("simdmath: note:"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[track_caller]
fn assert_usage_error(args: &[&str], needle: &str) -> String {
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
    assert!(err.starts_with("simdmath: error: "), "{args:?}: {err}");
    assert!(err.contains(needle), "{args:?}: '{needle}' not in: {err}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert!(o.stdout.is_empty(), "{args:?}: nothing on stdout expected");
    err
}

#[test]
fn bad_input_is_a_one_line_error_with_exit_2() {
    assert_usage_error(&["--func", "tanx"], "unknown function 'tanx'");
    assert_usage_error(&["--dtype", "f16"], "unknown type 'f16'");
    assert_usage_error(&["--modes", "sequential,turbo"], "unknown mode 'turbo'");
    assert_usage_error(&["--n", "1.5e"], "not a count");
    assert_usage_error(&["--n", "ten"], "not a count");
    assert_usage_error(&["--n", "-5"], "not a count");
    assert_usage_error(&["--n", "0"], "at least 1");
    assert_usage_error(&["--threads", "0"], "at least 1");
    assert_usage_error(&["--threads", "two"], "not a count");
    assert_usage_error(&["--isa", "sse9"], "unknown instruction set");
    assert_usage_error(&["--repeat", "0"], "--repeat");
    assert_usage_error(&["--seed", "x"], "--seed");
    assert_usage_error(&["--bogus"], "unknown option");
    assert_usage_error(&["--n"], "needs a value");
    assert_usage_error(&["--in-place", "--out-of-place"], "exclude");
    assert_usage_error(&["--modes", "threads"], "needs --threads");
    assert_usage_error(&["--limits", "--quick"], "exclude");
    assert_usage_error(&["--fused=yes"], "unknown option");
    assert_usage_error(&["--accuracy", "exact"], "unknown accuracy 'exact'");
    assert_usage_error(&["--accuracy", "cr"], "no correctly rounded f64 kernel");
    assert_usage_error(
        &["--accuracy", "cr", "--dtype", "f32", "--func", "pow"],
        "pow has no correctly rounded tier",
    );
    assert_usage_error(
        &["--accuracy", "cr", "--dtype", "f32", "--fused"],
        "--fused runs the faithful tier",
    );
}

/// `--accuracy cr` runs the correctly rounded tier and checks it against core-math: 0 ulp.
#[test]
fn correctly_rounded_tier_end_to_end() {
    for func in ["exp", "sin", "log"] {
        let o = simdmath(&[
            "run",
            "--accuracy",
            "cr",
            "--dtype",
            "f32",
            "--func",
            func,
            "--n",
            "200000",
            "--modes",
            "sequential,physical",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains("accuracy tier: correctly rounded (0 ulp)"),
            "{out}"
        );
        assert!(
            out.contains("accuracy: max 0 ulp from core-math (correctly rounded)"),
            "{out}"
        );
        assert!(out.contains("outputs identical across modes: yes"), "{out}");
    }
}

#[test]
fn too_large_is_refused_before_allocating() {
    // 1e15 f64 = 8 PB: more than any machine here has; the message names both byte counts.
    let o = simdmath(&["run", "--n", "1e15"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("8000000000000000 bytes"), "{err}");
    if std::path::Path::new("/proc/meminfo").exists() {
        assert!(err.contains("available"), "{err}");
    }
    let o = simdmath(&["run", "--n", "1e18", "--out-of-place"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn small_run_end_to_end_table() {
    let o = simdmath(&["run", "--n", "1e5", "--func", "sin"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for needle in [
        "sin on n = 100000 f64",
        "ISA: ",
        "physical cores",
        "sequential",
        "physical",
        "logical",
        "memory floor",
        "accuracy: max",
    ] {
        assert!(out.contains(needle), "'{needle}' missing from:\n{out}");
    }
    assert!(out.contains("identical across modes: yes"), "{out}");
    assert!(
        stderr_sans_notes(&o).is_empty(),
        "no progress when stderr is not a terminal: {}",
        stderr(&o)
    );
}

#[test]
fn small_run_json_f32_out_of_place() {
    let o = simdmath(&[
        "run",
        "--n",
        "100_001",
        "--dtype",
        "f32",
        "--func",
        "log",
        "--out-of-place",
        "--threads",
        "3",
        "--repeat",
        "2",
        "--limits",
        "--json",
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(out.trim().lines().count(), 1, "{out}");
    let j = out.trim();
    assert!(j.starts_with('{') && j.ends_with('}'), "{j}");
    for needle in [
        "\"func\":\"log\"",
        "\"dtype\":\"f32\"",
        "\"n\":100001",
        "\"in_place\":false",
        "\"mode\":\"threads\",\"threads\":3",
        "\"identical_across_modes\":true",
        "\"max_ulp\":",
        "\"limits\":true",
        "\"quick\":false",
        "\"fused\":false",
    ] {
        assert!(j.contains(needle), "'{needle}' missing from {j}");
    }
    // Every timing is present and positive (n = 100_001 is well above the timer's resolution).
    for key in [
        "fill_s",
        "first_touch_s",
        "compute_s",
        "total_s",
        "floor_s",
        "math_in_cache_s",
        "compute_over_bound",
        "fill_over_touch",
        "wall_s",
        "work_s",
        "limits_s",
    ] {
        let part = j.split(&format!("\"{key}\":")).nth(1);
        let v: f64 = part
            .and_then(|p| p.split([',', '}']).next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("'{key}' missing or not a number in {j}"));
        assert!(v > 0.0 && v.is_finite(), "{key} = {v} in {j}");
    }
    // Accuracy: within the registry's bound plus libm's own error.
    for part in j.split("\"max_ulp\":").skip(1) {
        let v: u64 = part.split(',').next().unwrap().parse().unwrap();
        assert!(v <= 2, "max_ulp {v} in {j}");
    }
    assert!(stderr_sans_notes(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn help_lists_the_options() {
    let o = simdmath(&["run", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for opt in [
        "--func",
        "--dtype",
        "--n",
        "--modes",
        "--threads",
        "--isa",
        "--in-place",
        "--out-of-place",
        "--seed",
        "--repeat",
        "--json",
        "--fused",
        "--limits",
        "--quick",
        "--cold",
    ] {
        assert!(out.contains(opt), "{opt} missing from help");
    }
}

#[test]
fn taskset_restricts_to_the_allowed_cpu() {
    if Command::new("taskset").arg("-V").output().is_err() {
        eprintln!("taskset not found: skipped");
        return;
    }
    let o = Command::new("taskset")
        .args(["-c", "0"])
        .args(spawn::runner())
        .args([
            env!("CARGO_BIN_EXE_simdmath"),
            "run",
            "--n",
            "1e5",
            "--json",
            "--modes",
            "all",
            "--threads",
            "2",
        ])
        .output()
        .expect("spawn taskset");
    let j = stdout(&o);
    if stderr(&o).starts_with("taskset:") {
        eprintln!(
            "taskset cannot set the affinity here: skipped ({})",
            stderr(&o).trim()
        );
        return;
    }
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(j.contains("\"allowed_cpus\":[0]"), "{j}");
    assert!(j.contains("\"physical_cores\":1,\"logical_cpus\":1"), "{j}");
    assert!(
        j.contains("\"mode\":\"physical\",\"threads\":1,\"cpus\":[0],\"worker_masks\":[[0]]"),
        "{j}"
    );
    assert!(
        j.contains("\"mode\":\"logical\",\"threads\":1,\"cpus\":[0],\"worker_masks\":[[0]]"),
        "{j}"
    );
    // Two threads on one allowed CPU: both pinned to CPU 0, nothing escapes the mask.
    assert!(
        j.contains("\"mode\":\"threads\",\"threads\":2,\"cpus\":[0,0],\"worker_masks\":[[0],[0]]"),
        "{j}"
    );
}

/// The number after `"key":` in the `k`-th occurrence (0-based) of `key` in `j`, or `None` for
/// `null`.
fn num(j: &str, key: &str, k: usize) -> Option<f64> {
    let part = j
        .split(&format!("\"{key}\":"))
        .nth(k + 1)
        .unwrap_or_else(|| panic!("'{key}' #{k} missing from {j}"));
    let v = part.split([',', '}', ']']).next().unwrap();
    if v == "null" {
        None
    } else {
        Some(v.parse().unwrap_or_else(|_| panic!("{key} = {v} in {j}")))
    }
}

fn digests(j: &str) -> Vec<String> {
    j.split("\"digest\":")
        .skip(1)
        .map(|p| p.split([',', '}']).next().unwrap().to_string())
        .collect()
}

#[test]
fn default_has_no_limits_and_quick_has_no_check() {
    // Default: the work and the accuracy check, no limit passes.
    let o = simdmath(&[
        "run",
        "--n",
        "1e5",
        "--modes",
        "sequential,physical",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = stdout(&o);
    assert!(j.contains("\"limits\":false,\"quick\":false"), "{j}");
    for k in 0..2 {
        assert!(num(&j, "fill_s", k).unwrap() > 0.0);
        assert!(num(&j, "compute_s", k).unwrap() > 0.0);
        assert!(num(&j, "total_s", k).unwrap() > 0.0);
        // The touch is measured inside the fill, so it is always there and never above it.
        let touch = num(&j, "first_touch_s", k).unwrap();
        assert!(
            touch >= 0.0 && touch <= num(&j, "fill_s", k).unwrap(),
            "{j}"
        );
        assert_eq!(num(&j, "floor_s", k), None, "{j}");
        assert_eq!(num(&j, "math_in_cache_s", k), None, "{j}");
        assert!(num(&j, "max_ulp", k).unwrap() <= 2.0);
    }
    assert_eq!(num(&j, "limits_s", 0), Some(0.0), "{j}");
    assert!(num(&j, "wall_s", 0).unwrap() >= num(&j, "work_s", 0).unwrap());
    // --quick: the work alone.
    let o = simdmath(&[
        "run", "--n", "1e5", "--modes", "physical", "--quick", "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = stdout(&o);
    assert!(j.contains("\"limits\":false,\"quick\":true"), "{j}");
    assert_eq!(num(&j, "max_ulp", 0), None, "{j}");
    assert!(j.contains("\"identical_across_modes\":null"), "{j}");
    assert_eq!(num(&j, "accuracy_s", 0), Some(0.0), "{j}");
    // The table says which is which.
    let o = simdmath(&["run", "--n", "1e5", "--modes", "sequential", "--quick"]);
    let t = stdout(&o);
    for needle in [
        "work:",
        "limits:",
        "touch s:",
        "not run",
        "not checked",
        "wall time:",
    ] {
        assert!(t.contains(needle), "'{needle}' missing from:\n{t}");
    }
}

/// The warm-up is on by default and timed; `--cold` skips it; every mode's speed-up says
/// whether it is plausible (at most the thread count, within 5 %).
#[test]
fn warm_up_by_default_and_cold_on_request() {
    let args = [
        "run",
        "--n",
        "1e5",
        "--modes",
        "sequential,physical",
        "--quick",
    ];
    let o = simdmath(&[&args[..], &["--json"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = stdout(&o);
    assert!(num(&j, "warm_up_s", 0).unwrap() > 0.0, "{j}");
    assert!(num(&j, "wall_s", 0).unwrap() >= num(&j, "warm_up_s", 0).unwrap());
    assert!(
        j.contains("\"speedup\":1,\"speedup_plausible\":true"),
        "{j}"
    );
    assert_eq!(j.matches("\"speedup_plausible\":").count(), 2, "{j}");
    let o = simdmath(&[&args[..], &["--json", "--cold"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = stdout(&o);
    assert_eq!(num(&j, "warm_up_s", 0), None, "{j}");
    let t = stdout(&simdmath(&args));
    assert!(t.contains("warm-up: 0.8 MB allocated, touched"), "{t}");
    let t = stdout(&simdmath(&[&args[..], &["--cold"]].concat()));
    assert!(t.contains("warm-up: skipped (--cold)"), "{t}");
}

#[test]
fn fused_gives_the_same_outputs_as_two_passes() {
    for extra in [&[][..], &["--out-of-place"][..], &["--dtype", "f32"][..]] {
        let mut two = vec!["run", "--n", "100_003", "--func", "sin", "--json"];
        two.extend_from_slice(extra);
        let mut fused = two.clone();
        fused.push("--fused");
        fused.push("--limits");
        let (a, b) = (simdmath(&two), simdmath(&fused));
        assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
        assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
        let (ja, jb) = (stdout(&a), stdout(&b));
        assert!(jb.contains("\"fused\":true,\"limits\":true"), "{jb}");
        let (da, db) = (digests(&ja), digests(&jb));
        assert_eq!(da.len(), 3, "{ja}");
        assert_eq!(da, db, "{extra:?}: fused outputs differ from two-pass ones");
        for k in 0..3 {
            assert_eq!(num(&jb, "fill_s", k), None, "{jb}");
            assert!(num(&jb, "total_s", k).unwrap() > 0.0);
            let touch = num(&jb, "first_touch_s", k).unwrap();
            assert!(
                touch >= 0.0 && touch <= num(&jb, "total_s", k).unwrap(),
                "{jb}"
            );
            assert!(num(&jb, "math_in_cache_s", k).unwrap() > 0.0);
            assert_eq!(num(&jb, "floor_s", k), None, "{jb}");
        }
    }
}

/// Every registered function runs through `simdmath run` (a two-input one with `--y`), or is
/// refused with a one-line error naming why (two outputs): a function added to the registry
/// cannot be missing from the command.
#[test]
fn every_registered_function_runs() {
    for &f in simdmath::Func::ALL {
        let name = f.name();
        let mut args = vec![
            "run",
            "--func",
            name,
            "--n",
            "2000",
            "--modes",
            "sequential",
            "--json",
        ];
        if f.arity() == simdmath::Arity::Binary {
            args.extend(["--y", "1.5"]);
        }
        let o = simdmath(&args);
        if f.arity() == simdmath::Arity::UnaryPair {
            assert_eq!(o.status.code(), Some(2), "{name}");
            assert!(stderr(&o).contains("two"), "{name}: {}", stderr(&o));
        } else {
            assert!(o.status.success(), "{name}: {}", stderr(&o));
            let out = stdout(&o);
            assert!(
                out.contains(&format!("\"func\":\"{name}\"")),
                "{name}: {out}"
            );
        }
    }
}

#[test]
fn bad_expressions_are_one_line_with_exit_2() {
    // `simdmath run --expr`: a bad expression is one line naming the token and its position.
    #[track_caller]
    fn assert_expr_error(args: &[&str], needle: &str) {
        let err = assert_usage_error(args, needle);
        assert!(
            err.starts_with("simdmath: error: --expr"),
            "{args:?}: {err}"
        );
    }
    assert_expr_error(&["--expr", "exp(-0.5*x*"], "unexpected end of expression");
    assert_expr_error(&["--expr", "exp(-0.5*x*"], "(at position 11)");
    assert_expr_error(&["--expr", "expp(x)"], "unknown function 'expp' (valid: ");
    assert_expr_error(
        &["--expr", "x $ 2"],
        "unexpected character '$' (at position 2)",
    );
    assert_expr_error(&["--expr", "sincos(x)"], "sincos has two outputs");
    assert_expr_error(&["--expr", "hypot(x)"], "hypot() takes 2 arguments");
    assert_expr_error(&["--expr", "x * y"], "'y' (at position 4) has no values");
    assert_expr_error(&["--expr", "exp(x)", "--func", "log"], "exclude");
    assert_expr_error(&["--expr", "exp(x)", "--fused"], "drop --fused");
    assert_expr_error(&["--expr", "exp(x)", "--in-place"], "drop --in-place");
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

/// An expression's blocks give the same outputs with `SIMDMATH_STREAM_BYTES=0` (the one-input
/// function steps prefetch the next block of `x` from inside their loops, and the one that
/// writes the output streams without a fence per block; an arithmetic or two-input last step
/// writes a staging block that the copy loop streams, prefetching the next block of an input
/// no function step covers) and `off` (ordinary stores): one and two function steps, the
/// second on a temporary, arithmetic alone (one operation, which streams on blocks, or a fused
/// pair), both types, many blocks per worker.
#[test]
fn expression_streaming_gives_the_same_outputs() {
    for (expr, dtype) in [
        ("exp(-0.5*x*x)", "f64"),
        ("log1p(exp(x)) + sin(x)", "f32"),
        ("1/(1+exp(-x))", "f32"),
        ("0.5*x*(1+tanh(0.7978845608*(x+0.044715*x*x*x)))", "f64"),
        ("atan2(x*x, x)", "f32"),
        ("where(x < 0.5, x*x, 1 - x)", "f64"),
        ("x*2.5", "f64"),
        ("sqrt(x)", "f32"),
        ("x*x+1", "f32"),
    ] {
        let args = [
            "run", "--expr", expr, "--dtype", dtype, "--n", "100_003", "--json",
        ];
        let (da, db, ja) = digests_streamed_and_not(&args);
        assert!(da.iter().all(|d| d.starts_with('"')), "{ja}");
        assert_eq!(da, db, "{expr} {dtype}: streaming changed the outputs");
    }
}

#[test]
fn help_names_the_expr_option() {
    let o = simdmath(&["run", "--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("--expr EXPR"), "{out}");
}

/// `SIMDMATH_STREAM_BYTES=0` (every out-of-place output written with non-temporal stores) and
/// `off` (none) give the same outputs, out of place and in place, with the limit passes.
#[test]
fn streaming_stores_give_the_same_outputs() {
    for extra in [
        &["--out-of-place", "--limits"][..],
        &["--out-of-place", "--dtype", "f32"][..],
        &["--limits"][..],
    ] {
        let mut args = vec!["run", "--n", "100_003", "--func", "exp", "--json"];
        args.extend_from_slice(extra);
        let (da, db, _) = digests_streamed_and_not(&args);
        assert_eq!(da, db, "{extra:?}: streaming changed the outputs");
    }
}

/// The three modes' output digests of `simdmath ARGS` with `SIMDMATH_STREAM_BYTES=0` (every
/// out-of-place output streamed) and `off` (none), and the first run's JSON; both runs must
/// succeed and report three digests.
fn digests_streamed_and_not(args: &[&str]) -> (Vec<String>, Vec<String>, String) {
    let run = |v: &str| {
        spawn::simdmath()
            .args(args)
            .env("SIMDMATH_STREAM_BYTES", v)
            .output()
            .expect("spawn simdmath")
    };
    let (a, b) = (run("0"), run("off"));
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    let (ja, jb) = (stdout(&a), stdout(&b));
    let (da, db) = (digests(&ja), digests(&jb));
    assert_eq!(da.len(), 3, "{ja}");
    (da, db, ja)
}
