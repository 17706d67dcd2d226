//! `rosetta check`: every diagnostic code, translation parity, the output formats, and the
//! real corpus.

mod cli;
mod codes;
mod corpus;
mod parity;
