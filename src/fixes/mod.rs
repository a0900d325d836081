//! Fixes other than re-decoding, each a small pure function.

pub(crate) mod c1;
