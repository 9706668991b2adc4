//! Every registered function appears on every face the docs show: README's function table is
//! `simdmath functions --markdown` (row for row), and docs/ACCURACY.md has a row per function,
//! type and backend family. A function added to the registry but not to the docs fails here.

#[path = "common/spawn.rs"]
mod spawn;

fn read(path: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn readme_function_table_is_the_registry() {
    let o = spawn::simdmath()
        .args(["functions", "--markdown"])
        .output()
        .expect("spawn simdmath");
    assert!(o.status.success());
    let table = String::from_utf8(o.stdout).unwrap();
    let readme = read("README.md");
    for line in table.lines() {
        assert!(
            readme.contains(line),
            "README.md lacks this line of `simdmath functions --markdown` (regenerate the table):\n{line}"
        );
    }
    assert_eq!(table.lines().count(), simdmath::Func::ALL.len() + 2);
}

#[test]
fn accuracy_doc_has_every_function_and_type() {
    let doc = read("docs/ACCURACY.md");
    for f in simdmath::Func::ALL {
        for t in ["f64", "f32"] {
            let row = format!("| {} | {t} |", f.name());
            assert!(
                doc.contains(&row),
                "docs/ACCURACY.md has no row for {} {t}: regenerate it with `simdmath ulp --markdown`",
                f.name()
            );
        }
    }
}

/// docs/ACCURACY.md's exhaustive table has the correctly rounded tier of every function that
/// has one (rows `| name | cr | backend | ...` from scripts/exhaustive_table.py).
#[test]
fn accuracy_doc_has_the_correctly_rounded_tier_of_every_function() {
    let doc = read("docs/ACCURACY.md");
    for f in simdmath::Func::ALL {
        // sincos's tier is the tier's sin and cos, bit for bit (tests/accuracy.rs).
        if f.info().max_ulp_f32_cr.is_some() && f.arity() == simdmath::Arity::Unary {
            let row = format!("| {} | cr |", f.name());
            assert!(
                doc.contains(&row),
                "docs/ACCURACY.md has no correctly rounded row for {}: rerun the exhaustive test and scripts/exhaustive_table.py",
                f.name()
            );
        }
    }
}
