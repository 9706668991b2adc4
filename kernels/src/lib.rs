//! The math of `simdmath`, and nothing else: `no_std`, no allocation, no I/O.
//!
//! Each function is written once, as an `#[inline(always)]` generic kernel over [`Lanes`]
//! (`exp.rs`, `log.rs`, `trig/`, `inv_trig.rs` …); each instruction set implements [`Lanes`] once
//! (`backend/`); [`for_each_func!`] (the registry, `registry.rs`) lists every function with its
//! stated error bound, and each backend stamps one `#[target_feature]` entry point per function
//! and type from it, with the target features of its `isa!` macro, the one place an instruction
//! set's name, features and detection are written (see [`backend`]). Choosing a backend at run
//! time is the `simdmath` crate's job (its `Isa`, which asks `isa!(detected)`).
//!
//! ```
//! use simdmath_kernels::backend::portable;
//! let x = [0.0f64, 1.0, -1.0, 700.0, 1e-320];
//! let mut y = [0.0f64; 5];
//! // SAFETY: both pointers are valid for 5 elements; the portable backend runs on any CPU.
//! let simdmath_kernels::backend::Kernel::Unary(exp) = portable::F64[0] else { unreachable!() };
//! unsafe { exp(x.as_ptr(), y.as_mut_ptr(), x.len()) };
//! assert_eq!(y[0], 1.0);
//! assert!((y[1] - std::f64::consts::E).abs() <= f64::EPSILON * 4.0);
//! ```
#![no_std]
#![warn(missing_docs)]

mod atan_table;
pub mod backend;
pub mod cbrt;
mod coeffs;
mod coeffs_exp_family;
mod coeffs_f32;
mod coeffs_f32_atan;
mod coeffs_f32_cbrt;
mod coeffs_f32_hyp;
mod coeffs_f32_trig;
mod coeffs_inv_trig;
mod coeffs_log_dd;
mod coeffs_log_family;
mod common;
pub mod cr;
mod cr_exceptions;
pub mod exp;
pub mod exp_family;
mod exp_table;
mod f32_atanh_table;
mod f32_log2_table;
mod f32_tables;
pub mod hyperbolic;
pub mod hypot;
pub mod inv_hyperbolic;
pub mod inv_trig;
pub mod lanes;
pub mod log;
mod log_dd_table;
pub mod log_family;
mod pio2_table;
pub mod pow;
mod pow_log_table;
pub mod reduce;
pub mod registry;
pub mod trig;

pub use lanes::{Lanes, Scalar};
pub use registry::{FUNCS, FuncInfo};
