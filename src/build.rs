//! Build script of the app. The wasm binary is linked with its relocations kept
//! (`--emit-relocs`): `wasm-split-cli` reads them to build the call graph from which it cuts
//! the lazily loaded modules (src/app/lazy.rs, end2end/tools/wasm-split/). Only the binary's
//! link step changes, so dependencies are not rebuilt, and host builds (tests, the server)
//! are untouched.

fn main() {
    println!("cargo:rerun-if-changed=src/build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
