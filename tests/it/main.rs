//! Integration tests: sites in, `rosetta` run, output and findings asserted.
//! One test binary (fast to link on CI); each module is one area of behaviour.

mod browser;
mod check;
mod corpus;
mod dialect;
mod docfx;
mod findings;
mod harness;
mod robustness;
mod search;
mod serve;
mod shards;
mod site;
mod source;
mod status;
mod xref_maps;
