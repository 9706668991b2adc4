//! The `simdmath` command line: `simdmath run` (the tutorial's experiment, done properly) and
//! `simdmath ulp` (accuracy runs). `simdmath help` lists the subcommands.

mod cli;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(cli::main(&args));
}
