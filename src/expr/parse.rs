//! The expression language: a tokenizer and a recursive-descent parser that builds the
//! hash-consed operation graph ([`Graph`]) directly, with every error naming its token and
//! its byte position.

use super::{ErrorKind, ExprError};
use crate::{Arity, Func};
use std::collections::HashMap;

/// An elementwise operation of the graph (not a registry function).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Op {
    /// numpy's `negative`: the sign bit flipped.
    Neg,
    /// numpy's `absolute`: the sign bit cleared.
    Abs,
    /// IEEE square root (correctly rounded).
    Sqrt,
    /// `x` unchanged (the result of an expression that is one input).
    Copy,
    Add,
    Sub,
    Mul,
    Div,
    /// numpy's `minimum`: NaN if either input is NaN (the first if both), otherwise
    /// `a < b ? a : b` (so `minimum(+0, -0) = -0` and `minimum(-0, +0) = +0`, as numpy).
    Min,
    /// numpy's `maximum`: as [`Op::Min`] with `>`.
    Max,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    /// `a * b + c` with one rounding.
    Fma,
    /// `c != 0 ? a : b` (NaN counts as true, as numpy's truth value of a float).
    Where,
}

impl Op {
    pub(crate) fn arity(self) -> usize {
        use Op::*;
        match self {
            Neg | Abs | Sqrt | Copy => 1,
            Fma | Where => 3,
            _ => 2,
        }
    }
    /// The operation's name as [`crate::expr::StepKind::Op`] gives it.
    pub(crate) fn name(self) -> &'static str {
        use Op::*;
        match self {
            Neg => "neg",
            Abs => "abs",
            Sqrt => "sqrt",
            Copy => "copy",
            Add => "add",
            Sub => "sub",
            Mul => "mul",
            Div => "div",
            Min => "min",
            Max => "max",
            Lt => "lt",
            Le => "le",
            Gt => "gt",
            Ge => "ge",
            Eq => "eq",
            Ne => "ne",
            Fma => "fma",
            Where => "where",
        }
    }
    pub(crate) fn is_comparison(self) -> bool {
        matches!(self, Op::Lt | Op::Le | Op::Gt | Op::Ge | Op::Eq | Op::Ne)
    }
}

/// One node of the graph; operands are indices of earlier nodes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Node {
    /// Input `names[i]`.
    Input(usize),
    /// A numeric literal (the bits of its `f64` value; rounded to `f32` for `f32` evaluation,
    /// as numpy rounds a Python float meeting a `float32` array).
    Const(u64),
    Op(Op, [usize; 3]),
    /// A one-input registry function.
    F1(Func, usize),
    /// A two-input registry function.
    F2(Func, usize, usize),
}

impl Node {
    /// The operands as a small array and count.
    pub(crate) fn operands(&self) -> ([usize; 3], usize) {
        match *self {
            Node::Input(_) | Node::Const(_) => ([0; 3], 0),
            Node::Op(op, a) => (a, op.arity()),
            Node::F1(_, a) => ([a, 0, 0], 1),
            Node::F2(_, a, b) => ([a, b, 0], 2),
        }
    }
}

/// The parsed expression: nodes in evaluation order (operands first), identical subexpressions
/// shared, the input names in order of first appearance with that position, and the root.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Graph {
    pub(crate) nodes: Vec<Node>,
    /// Whether node `i` is a comparison's 0/1 result (numpy would give `bool`).
    pub(crate) boolean: Vec<bool>,
    pub(crate) names: Vec<(String, usize)>,
    pub(crate) root: usize,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Name(String),
    /// An operator or punctuation: `+ - * / ** ( ) , < <= > >= == !=`.
    Sym(&'static str),
    End,
}

struct Token {
    tok: Tok,
    text: String,
    pos: usize,
}

fn err(kind: ErrorKind, token: &str, pos: usize, msg: impl Into<String>) -> ExprError {
    ExprError {
        kind,
        token: token.to_owned(),
        pos,
        message: msg.into(),
    }
}

const SYMS: &[&str] = &[
    "**", "<=", ">=", "==", "!=", "+", "-", "*", "/", "(", ")", ",", "<", ">",
];

fn tokenize(src: &str) -> Result<Vec<Token>, ExprError> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
                let mut j = i + 1;
                if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
                    j += 1;
                }
                if j < b.len() && b[j].is_ascii_digit() {
                    i = j;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            // A name glued to a number (`2x`, `1e`) is a malformed number.
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.') {
                i += 1;
            }
            let text = &src[start..i];
            let v: f64 = text.replace('_', "").parse().map_err(|_| {
                err(
                    ErrorKind::Syntax,
                    text,
                    start,
                    format!("malformed number '{text}'"),
                )
            })?;
            out.push(Token {
                tok: Tok::Num(v),
                text: text.to_owned(),
                pos: start,
            });
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let text = &src[start..i];
            out.push(Token {
                tok: Tok::Name(text.to_owned()),
                text: text.to_owned(),
                pos: start,
            });
            continue;
        }
        if let Some(s) = SYMS.iter().find(|s| src[i..].starts_with(**s)) {
            i += s.len();
            out.push(Token {
                tok: Tok::Sym(s),
                text: (*s).to_owned(),
                pos: start,
            });
            continue;
        }
        let ch = src[i..].chars().next().unwrap_or('?');
        return Err(err(
            ErrorKind::Syntax,
            &ch.to_string(),
            start,
            format!("unexpected character '{ch}'"),
        ));
    }
    out.push(Token {
        tok: Tok::End,
        text: String::new(),
        pos: src.len(),
    });
    Ok(out)
}

/// Builtins that are not registry functions, with their number of arguments.
const BUILTINS: &[(&str, usize)] = &[
    ("abs", 1),
    ("sqrt", 1),
    ("fma", 3),
    ("min", 2),
    ("max", 2),
    ("where", 3),
];

/// The names a call may use: the builtins and the registry's one- and two-input functions.
pub(crate) fn function_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = BUILTINS.iter().map(|b| b.0).collect();
    v.extend(
        Func::ALL
            .iter()
            .filter(|f| f.arity() != Arity::UnaryPair)
            .map(|f| f.name()),
    );
    v
}

struct Parser {
    toks: Vec<Token>,
    at: usize,
    nodes: Vec<Node>,
    boolean: Vec<bool>,
    seen: HashMap<Node, usize>,
    names: Vec<(String, usize)>,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.toks[self.at]
    }
    fn next(&mut self) -> &Token {
        let t = &self.toks[self.at];
        if t.tok != Tok::End {
            self.at += 1;
        }
        t
    }
    fn is_sym(&self, s: &str) -> bool {
        self.peek().tok == Tok::Sym(static_sym(s))
    }
    fn unexpected(&self, wanted: &str) -> ExprError {
        let t = self.peek();
        if t.tok == Tok::End {
            err(
                ErrorKind::Syntax,
                "end of input",
                t.pos,
                format!("unexpected end of expression, expected {wanted}"),
            )
        } else {
            err(
                ErrorKind::Syntax,
                &t.text,
                t.pos,
                format!("unexpected '{}', expected {wanted}", t.text),
            )
        }
    }
    fn expect(&mut self, s: &str) -> Result<(), ExprError> {
        if self.is_sym(s) {
            self.next();
            Ok(())
        } else {
            Err(self.unexpected(&format!("'{s}'")))
        }
    }

    fn add(&mut self, n: Node, boolean: bool) -> usize {
        if let Some(&i) = self.seen.get(&n) {
            return i;
        }
        self.nodes.push(n.clone());
        self.boolean.push(boolean);
        self.seen.insert(n, self.nodes.len() - 1);
        self.nodes.len() - 1
    }
    fn op(&mut self, op: Op, args: &[usize]) -> usize {
        let mut a = [0; 3];
        a[..args.len()].copy_from_slice(args);
        self.add(Node::Op(op, a), op.is_comparison())
    }
    fn constant(&mut self, v: f64) -> usize {
        self.add(Node::Const(v.to_bits()), false)
    }

    // expr := sum (cmp sum)?
    fn expr(&mut self) -> Result<usize, ExprError> {
        let a = self.sum()?;
        let cmp = [
            ("<", Op::Lt),
            ("<=", Op::Le),
            (">", Op::Gt),
            (">=", Op::Ge),
            ("==", Op::Eq),
            ("!=", Op::Ne),
        ];
        if let Some(&(_, op)) = cmp.iter().find(|(s, _)| self.is_sym(s)) {
            self.next();
            let b = self.sum()?;
            if let Some(&(s, _)) = cmp.iter().find(|(s, _)| self.is_sym(s)) {
                let t = self.peek();
                return Err(err(
                    ErrorKind::Syntax,
                    s,
                    t.pos,
                    format!(
                        "chained comparison '{s}' is not supported: parenthesize it or use where()"
                    ),
                ));
            }
            return Ok(self.op(op, &[a, b]));
        }
        Ok(a)
    }
    // sum := term (('+'|'-') term)*
    fn sum(&mut self) -> Result<usize, ExprError> {
        let mut a = self.term()?;
        loop {
            let op = if self.is_sym("+") {
                Op::Add
            } else if self.is_sym("-") {
                Op::Sub
            } else {
                return Ok(a);
            };
            self.next();
            let b = self.term()?;
            a = self.op(op, &[a, b]);
        }
    }
    // term := unary (('*'|'/') unary)*
    fn term(&mut self) -> Result<usize, ExprError> {
        let mut a = self.unary()?;
        loop {
            let op = if self.is_sym("*") {
                Op::Mul
            } else if self.is_sym("/") {
                Op::Div
            } else {
                return Ok(a);
            };
            self.next();
            let b = self.unary()?;
            a = self.op(op, &[a, b]);
        }
    }
    // unary := ('-'|'+') unary | power      (as Python: -x**2 is -(x**2))
    fn unary(&mut self) -> Result<usize, ExprError> {
        if self.is_sym("-") {
            self.next();
            let a = self.unary()?;
            return Ok(self.op(Op::Neg, &[a]));
        }
        if self.is_sym("+") {
            self.next();
            return self.unary();
        }
        self.power()
    }
    // power := atom ('**' unary)?           (right-associative, as Python)
    fn power(&mut self) -> Result<usize, ExprError> {
        let a = self.atom()?;
        if !self.is_sym("**") {
            return Ok(a);
        }
        self.next();
        let b = self.unary()?;
        Ok(self.pow(a, b))
    }
    /// `a ** b` as numpy computes it: a literal exponent 2, 0.5, -1, 1 or 0 takes numpy's
    /// fast paths (square `a*a`, `sqrt(a)`, `1/a`, `a`, `1`); any other exponent is the
    /// registry's `pow`.
    fn pow(&mut self, a: usize, b: usize) -> usize {
        let lit = match &self.nodes[b] {
            Node::Const(bits) => Some(f64::from_bits(*bits)),
            // `x ** -1` parses as `x ** neg(1)`.
            Node::Op(Op::Neg, [c, ..]) => match self.nodes[*c] {
                Node::Const(bits) => Some(-f64::from_bits(bits)),
                _ => None,
            },
            _ => None,
        };
        match lit {
            Some(2.0) => self.op(Op::Mul, &[a, a]),
            Some(0.5) => self.op(Op::Sqrt, &[a]),
            Some(-1.0) => {
                let one = self.constant(1.0);
                self.op(Op::Div, &[one, a])
            }
            Some(1.0) => a,
            Some(0.0) => {
                // numpy's `x ** 0` is ones of x's shape and type: a literal 1 broadcast.
                let one = self.constant(1.0);
                // `where(1, 1, x)`: 1 everywhere (NaN too), with x's length.
                self.op(Op::Where, &[one, one, a])
            }
            _ => self.add(Node::F2(Func::Pow, a, b), false),
        }
    }
    fn atom(&mut self) -> Result<usize, ExprError> {
        let t = self.peek();
        let (tok, pos) = (t.tok.clone(), t.pos);
        match tok {
            Tok::Num(v) => {
                self.next();
                Ok(self.constant(v))
            }
            Tok::Sym("(") => {
                self.next();
                let a = self.expr()?;
                self.expect(")")?;
                Ok(a)
            }
            Tok::Name(name) => {
                self.next();
                if self.is_sym("(") {
                    self.next();
                    let mut args = Vec::new();
                    if !self.is_sym(")") {
                        loop {
                            args.push(self.expr()?);
                            if self.is_sym(",") {
                                self.next();
                                continue;
                            }
                            break;
                        }
                    }
                    self.expect(")")?;
                    return self.call(&name, pos, &args);
                }
                if BUILTINS.iter().any(|b| b.0 == name) || name.parse::<Func>().is_ok() {
                    return Err(err(
                        ErrorKind::Syntax,
                        &name,
                        pos,
                        format!("'{name}' is a function: call it as {name}(...)"),
                    ));
                }
                let i = match self.names.iter().position(|(n, _)| *n == name) {
                    Some(i) => i,
                    None => {
                        self.names.push((name, pos));
                        self.names.len() - 1
                    }
                };
                Ok(self.add(Node::Input(i), false))
            }
            _ => Err(self.unexpected("a number, a name or '('")),
        }
    }
    fn call(&mut self, name: &str, pos: usize, args: &[usize]) -> Result<usize, ExprError> {
        let arity_err = |want: usize| {
            err(
                ErrorKind::Arity,
                name,
                pos,
                format!(
                    "{name}() takes {want} argument{}, got {}",
                    if want == 1 { "" } else { "s" },
                    args.len()
                ),
            )
        };
        if let Some(&(_, want)) = BUILTINS.iter().find(|b| b.0 == name) {
            if args.len() != want {
                return Err(arity_err(want));
            }
            let op = match name {
                "abs" => Op::Abs,
                "sqrt" => Op::Sqrt,
                "fma" => Op::Fma,
                "min" => Op::Min,
                "max" => Op::Max,
                _ => Op::Where,
            };
            return Ok(self.op(op, args));
        }
        let f: Func = match name.parse::<Func>() {
            Ok(f) if name == f.name() => f,
            _ => {
                return Err(err(
                    ErrorKind::UnknownFunction,
                    name,
                    pos,
                    format!(
                        "unknown function '{name}' (valid: {})",
                        function_names().join(", ")
                    ),
                ));
            }
        };
        match f.arity() {
            Arity::Unary if args.len() == 1 => Ok(self.add(Node::F1(f, args[0]), false)),
            Arity::Unary => Err(arity_err(1)),
            Arity::Binary if args.len() == 2 => Ok(self.add(Node::F2(f, args[0], args[1]), false)),
            Arity::Binary => Err(arity_err(2)),
            _ => Err(err(
                ErrorKind::NotAValue,
                name,
                pos,
                format!(
                    "{name} has two outputs and is not an expression value: use sin() and cos()"
                ),
            )),
        }
    }
}

/// The `&'static str` of a symbol spelled `s` (for comparing tokens).
fn static_sym(s: &str) -> &'static str {
    SYMS.iter().find(|x| **x == s).copied().unwrap_or("")
}

/// Whether `src` is one number or one name (so that it binds as tightly as an atom).
pub(crate) fn is_single_token(src: &str) -> bool {
    matches!(tokenize(src).as_deref(), Ok([t, end]) if matches!(t.tok, Tok::Num(_) | Tok::Name(_)) && end.tok == Tok::End)
}

/// Parses `src` into its graph.
pub(crate) fn parse(src: &str) -> Result<Graph, ExprError> {
    let toks = tokenize(src)?;
    let mut p = Parser {
        toks,
        at: 0,
        nodes: Vec::new(),
        boolean: Vec::new(),
        seen: HashMap::new(),
        names: Vec::new(),
    };
    if p.peek().tok == Tok::End {
        return Err(err(
            ErrorKind::Syntax,
            "end of input",
            0,
            "empty expression",
        ));
    }
    let root = p.expr()?;
    if p.peek().tok != Tok::End {
        return Err(p.unexpected("an operator or the end of the expression"));
    }
    Ok(Graph {
        nodes: p.nodes,
        boolean: p.boolean,
        names: p.names,
        root,
    })
}
