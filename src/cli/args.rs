//! A small option parser shared by the subcommands: `--name value`, `--name=value`, flags, and
//! the value parsers (`1e9`, `100_000_000`, comma lists with `all`).

use super::CliError;
use std::str::FromStr;

/// Parsed options of one subcommand.
#[derive(Debug, Default)]
pub struct Opts {
    values: Vec<(String, String)>,
    flags: Vec<String>,
}

/// Parses `args` given the options that take a value and the flags; anything else is an error.
pub fn parse(args: &[String], with_value: &[&str], flags: &[&str]) -> Result<Opts, CliError> {
    let mut o = Opts::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        if with_value.contains(&name) {
            let v = match inline {
                Some(v) => v,
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| CliError(format!("option {name} needs a value")))?,
            };
            o.values.retain(|(n, _)| n != name);
            o.values.push((name.to_string(), v));
        } else if flags.contains(&name) && inline.is_none() {
            o.flags.push(name.to_string());
        } else {
            let mut valid: Vec<&str> = with_value.iter().chain(flags).copied().collect();
            valid.sort_unstable();
            return Err(CliError(format!(
                "unknown option '{a}' (valid: {})",
                valid.join(", ")
            )));
        }
    }
    Ok(o)
}

impl Opts {
    /// The value of `--name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    /// Whether flag `--name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }
    /// Parses the value of `--name` with `FromStr`, or returns `default`.
    pub fn parse_or<T: FromStr>(&self, name: &str, default: T) -> Result<T, CliError>
    where
        T::Err: std::fmt::Display,
    {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|e| CliError(format!("{name} {v}: {e}"))),
        }
    }
}

/// Parses a count: `1000`, `100_000_000`, `1e9`, `2.5e8` (must be a whole number >= 0).
pub fn parse_count(s: &str) -> Result<u64, CliError> {
    let t: String = s.trim().chars().filter(|&c| c != '_').collect();
    if let Ok(n) = t.parse::<u64>() {
        return Ok(n);
    }
    let bad = || {
        CliError(format!(
            "'{s}' is not a count (examples: 1000, 100_000_000, 1e9)"
        ))
    };
    let v: f64 = t.parse().map_err(|_| bad())?;
    if !v.is_finite()
        || v < 0.0
        || v.fract() != 0.0
        || v > u64::MAX as f64
        || !t.contains(['e', 'E'])
    {
        return Err(bad());
    }
    Ok(v as u64)
}

/// Parses a comma list of `T` (`exp,log`), or `all` for `all`.
pub fn parse_list<T: FromStr + Copy>(s: &str, all: &[T]) -> Result<Vec<T>, CliError>
where
    T::Err: std::fmt::Display,
{
    if s.trim().eq_ignore_ascii_case("all") {
        return Ok(all.to_vec());
    }
    let mut out = Vec::new();
    for part in s.split(',') {
        out.push(part.parse::<T>().map_err(|e| CliError(e.to_string()))?);
    }
    if out.is_empty() {
        return Err(CliError(format!("empty list '{s}'")));
    }
    Ok(out)
}

/// Element type chosen with `--dtype` (`f64` or `f32`), shared by the subcommands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dtype {
    /// `f64`.
    F64,
    /// `f32`.
    F32,
}

impl FromStr for Dtype {
    type Err = String;
    fn from_str(s: &str) -> Result<Dtype, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "f64" => Ok(Dtype::F64),
            "f32" => Ok(Dtype::F32),
            _ => Err(format!("unknown type '{s}' (valid: f64, f32)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(parse_count("1e9").unwrap(), 1_000_000_000);
        assert_eq!(parse_count("100_000_000").unwrap(), 100_000_000);
        assert_eq!(parse_count("2.5e3").unwrap(), 2500);
        assert!(parse_count("1.5").is_err());
        assert!(parse_count("-3").is_err());
        assert!(parse_count("ten").is_err());
        assert!(parse_count("1e400").is_err());
    }

    #[test]
    fn options() {
        let a: Vec<String> = ["--n", "5", "--json", "--func=log"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let o = parse(&a, &["--n", "--func"], &["--json"]).unwrap();
        assert_eq!(o.get("--n"), Some("5"));
        assert_eq!(o.get("--func"), Some("log"));
        assert!(o.flag("--json"));
        assert!(parse(&["--bogus".to_string()], &["--n"], &[]).is_err());
        assert!(parse(&["--n".to_string()], &["--n"], &[]).is_err());
    }
}
